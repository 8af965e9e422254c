FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY schemas ./schemas
COPY streams ./streams
RUN pip install --no-cache-dir ".[rocksdb]" && mkdir -p /var/lib/newsfold \
    && python -m streams.extract.gazetteer
EXPOSE 6066
CMD ["newsfold", "worker"]
