# One image for every service of docker-compose.yml: web (gunicorn), worker, beat and flower.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=factcheck.settings.production \
    FACTCHECK_VAR_DIR=/app/var

WORKDIR /app

# Dependencies first: this layer is rebuilt only when requirements.txt changes. Flower is an
# operator's tool, not a dependency of the desk: it is installed in the image only.
ARG FLOWER_VERSION=2.2.0
COPY requirements.txt ./
RUN pip install -r requirements.txt "flower==${FLOWER_VERSION}"

COPY . .

# Translations and static files are baked into the image (whitenoise serves them). The secret and
# hosts given here only let Django load its production settings during the build.
RUN python scripts/compile_translations.py \
 && DJANGO_SECRET_KEY=build-only DJANGO_ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput -v 0

RUN useradd --system --create-home --uid 1000 factcheck \
 && mkdir -p /app/var \
 && chown -R factcheck /app/var
USER factcheck

EXPOSE 8000
CMD ["gunicorn", "factcheck.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60", "--access-logfile", "-"]
