-- Run once by the postgres image when its data volume is first created (docker-compose.dev.yml).
-- The backend uses the database POSTGRES_DB creates (netra); the auth service gets its own, so
-- the two services share no tables and either can later move to a server of its own.
CREATE DATABASE netra_auth OWNER netra;
