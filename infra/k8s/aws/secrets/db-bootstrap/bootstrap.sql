-- ms-auth's own PostgreSQL login, created by the RDS master user (a member of rds_superuser, not a superuser) and
-- given only what Flyway and the service need: connect to this database, use and create objects in schema "auth"
-- (Flyway creates the tables, which the login then owns). No superuser, CREATEDB, CREATEROLE or replication, no
-- objects in "public", nothing in other databases. Safe to run again: it resets the password.
-- Parameters (custom settings, so no secret appears in the statement text):
--   framesmith.app_user      the login name, e.g. framesmith_auth
--   framesmith.app_password  its password (at least 16 characters)
DO $bootstrap$
DECLARE
    app_user     text := current_setting('framesmith.app_user');
    app_password text := current_setting('framesmith.app_password');
BEGIN
    IF app_user !~ '^[a-z_][a-z0-9_]{0,62}$' THEN
        RAISE EXCEPTION 'framesmith.app_user must be a lower-case SQL identifier';
    END IF;
    IF length(app_password) < 16 THEN
        RAISE EXCEPTION 'framesmith.app_password must have at least 16 characters';
    END IF;
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = app_user) THEN
        EXECUTE format('ALTER ROLE %I WITH LOGIN PASSWORD %L', app_user, app_password);
    ELSE
        EXECUTE format('CREATE ROLE %I WITH LOGIN PASSWORD %L', app_user, app_password);
    END IF;
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), app_user);
    REVOKE CREATE ON SCHEMA public FROM PUBLIC;
    CREATE SCHEMA IF NOT EXISTS auth;
    EXECUTE format('GRANT USAGE, CREATE ON SCHEMA auth TO %I', app_user);
    EXECUTE format('ALTER ROLE %I IN DATABASE %I SET search_path = auth', app_user, current_database());
END
$bootstrap$;
