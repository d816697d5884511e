# Production image for docker-compose.yml (web: gunicorn; worker; beat).
FROM python:3.11-slim-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install --no-cache-dir -e .
COPY . .
ENV JVG_PROFIL=production JVG_VAR_DIR=/data
RUN SECRET_KEY=build-only-build-only-build-only-build-only-build-only-x ALLOWED_HOSTS=build \
    JVG_VAR_DIR=/tmp/build python manage.py collectstatic --noinput
RUN useradd --system --home /app jvg && mkdir -p /data && chown jvg /data
USER jvg
EXPOSE 8000
CMD ["gunicorn", "jvg_case.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
