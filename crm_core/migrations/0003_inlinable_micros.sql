-- crm_micros was declared immutable, but extract(epoch from timestamptz) is only
-- stable: PostgreSQL then refuses to inline it and calls it as a function for
-- every timestamp of every row read. Declared with its true volatility, it inlines.
create or replace function crm_micros(t timestamptz) returns bigint
    language sql stable parallel safe
    as $$ select (extract(epoch from t) * 1000000)::bigint $$;
