-- The read-only role Grafana's PostgreSQL datasource logs in as. Run by psql with the variables
--   reader, reader_password: the role to create; owner: the role the collector connects as (it creates the tables);
--   database, schema: where the collector keeps its tables.
-- The default privileges reach tables the collector creates later (Flyway migrates on every start), so the
-- script runs once, before the collector's first start, and stays right after upgrades.
CREATE ROLE :"reader" LOGIN PASSWORD :'reader_password';
-- Even a grant given by mistake later cannot make it write.
ALTER ROLE :"reader" SET default_transaction_read_only = on;
GRANT CONNECT ON DATABASE :"database" TO :"reader";
GRANT USAGE ON SCHEMA :"schema" TO :"reader";
GRANT SELECT ON ALL TABLES IN SCHEMA :"schema" TO :"reader";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA :"schema" GRANT SELECT ON TABLES TO :"reader";
