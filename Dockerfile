# App image: the bot and the action server (Python 3.10: rasa-sdk 3.6 needs it).
FROM python:3.10-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app

COPY requirements/app.txt requirements/app.txt
RUN pip install --no-cache-dir -r requirements/app.txt

COPY pyproject.toml ./
COPY companion companion
COPY bot bot
COPY actions actions
COPY data data
RUN pip install --no-cache-dir --no-deps -e . \
    && useradd --system --uid 10001 companion \
    && mkdir -p /app/.data && chown companion /app/.data
USER companion

CMD ["companion", "bot"]
