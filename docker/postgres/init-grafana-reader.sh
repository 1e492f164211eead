#!/bin/sh
# Run once by the postgres image on an empty data volume (/docker-entrypoint-initdb.d), as POSTGRES_USER.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v reader="$TESTHEALTH_GRAFANA_DB_USER" -v reader_password="$TESTHEALTH_GRAFANA_DB_PASSWORD" \
  -v owner="$POSTGRES_USER" -v database="$POSTGRES_DB" -v schema=public \
  -f /testhealth/grafana-reader.sql
