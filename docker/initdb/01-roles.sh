#!/usr/bin/env bash
# Run once by the postgres image, on the first start of an empty data volume
# (/docker-entrypoint-initdb.d). Creates the same roles and database as bootstrapRoles() in
# packages/api/src/common/db/bootstrap-roles.ts, which the embedded database of `npm start` uses:
#   epairs_owner  owns database "epairs" and its public schema; the API migrates through it.
#   epairs_app    the API's request role: owns nothing, not superuser, no BYPASSRLS, so
#                 row-level security applies; it gets table rights only from the migrations.
# Idempotent (create or re-key), like bootstrapRoles, so it can also be run by hand.
# No `set -u`: when this file is not executable, the image sources it into its own shell.
set -Eeo pipefail

: "${EPAIRS_OWNER_PASSWORD:?EPAIRS_OWNER_PASSWORD must be set (password of role epairs_owner)}"
: "${EPAIRS_APP_PASSWORD:?EPAIRS_APP_PASSWORD must be set (password of role epairs_app)}"

# The quoted heredoc keeps bash from expanding anything in the SQL. Passwords reach psql through
# \getenv (not the command line, not the SQL text) and psql quotes them as literals with :'var'.
# (\getenv needs psql 15 or later; the postgres:17 image has it.)
# \gexec runs the generated statement only when the object is missing (CREATE has no IF NOT EXISTS
# for roles, and CREATE DATABASE cannot run inside a DO block).
psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-postgres}" <<'SQL'
\getenv owner_password EPAIRS_OWNER_PASSWORD
\getenv app_password EPAIRS_APP_PASSWORD

SELECT 'CREATE ROLE epairs_owner' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'epairs_owner') \gexec
SELECT 'CREATE ROLE epairs_app' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'epairs_app') \gexec
ALTER ROLE epairs_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD :'owner_password';
ALTER ROLE epairs_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD :'app_password';

SELECT 'CREATE DATABASE epairs OWNER epairs_owner ENCODING ''UTF8'' TEMPLATE template0'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'epairs') \gexec

\connect epairs
-- Only the owner may create objects in the public schema; the app role may only connect
-- (and use temporary tables, as bootstrapRoles grants).
ALTER SCHEMA public OWNER TO epairs_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
REVOKE ALL ON DATABASE epairs FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE epairs TO epairs_app;
SQL
