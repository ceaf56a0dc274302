-- The demo app's schema: the simulated cluster's movr and bank databases.
-- "Go to Definition in Workspace" on a table finds its CREATE TABLE here.

CREATE TABLE IF NOT EXISTS users (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  city STRING NOT NULL,
  name STRING,
  address STRING,
  credit_card STRING
);

CREATE TABLE IF NOT EXISTS vehicles (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  city STRING NOT NULL,
  type STRING,
  owner_id UUID,
  creation_time TIMESTAMPTZ DEFAULT now(),
  status STRING,
  INDEX vehicles_auto_index_fk_city_ref_users (city, owner_id)
);

CREATE TABLE IF NOT EXISTS rides (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  city STRING NOT NULL,
  rider_id UUID,
  vehicle_id UUID,
  start_time TIMESTAMPTZ DEFAULT now(),
  end_time TIMESTAMPTZ DEFAULT now(),
  revenue DECIMAL(10,2),
  INDEX rides_auto_index_fk_city_ref_users (city, rider_id),
  INDEX rides_start_time_idx (start_time) STORING (revenue)
);

CREATE TABLE IF NOT EXISTS promo_codes (
  code STRING PRIMARY KEY,
  description STRING,
  creation_time TIMESTAMPTZ DEFAULT now(),
  rules JSONB
);

-- bank
CREATE TABLE IF NOT EXISTS accounts (
  id INT8 PRIMARY KEY,
  balance DECIMAL,
  INDEX accounts_balance_idx (balance)
);

CREATE TABLE IF NOT EXISTS transfers (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  src INT8,
  dst INT8,
  amount DECIMAL,
  at TIMESTAMPTZ DEFAULT now()
);

CREATE SCHEMA IF NOT EXISTS audit;
CREATE TABLE IF NOT EXISTS audit.audit_log (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  actor STRING,
  action STRING
);
