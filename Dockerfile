# Production image for docker-compose.yml (web: gunicorn behind nginx; worker; beat; migrate).
FROM python:3.11-slim-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core postgresql-client \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# Dependencies first (cached while only the code changes); .dockerignore keeps .venv, var/ and .env out.
COPY pyproject.toml README.md ./
RUN pip install --no-cache-dir -e .
COPY . .
ENV JVG_PROFIL=production JVG_VAR_DIR=/data JVG_GUNICORN_BIND=0.0.0.0:8000 PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN SECRET_KEY=build-only-build-only-build-only-build-only-build-only-x ALLOWED_HOSTS=build \
    JVG_VAR_DIR=/tmp/build python manage.py collectstatic --noinput -v 0
RUN useradd --system --home /app jvg && mkdir -p /data && chown jvg /data
USER jvg
EXPOSE 8000
CMD ["gunicorn", "-c", "deploy/gunicorn.conf.py", "jvg_case.wsgi:application"]
