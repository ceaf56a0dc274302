-- Ad-hoc queries. Each statement the cluster has statistics for shows its live figures
-- above it (the CockroachDB workload CodeLens); "Run" sends it to the editor's cluster.

SELECT * FROM rides WHERE rider_id = 'c5b8a9e2-0000-4000-8000-000000000042';

SELECT count(*) FROM vehicles WHERE status = 'available';

SELECT sum(revenue) FROM rides WHERE start_time > '2026-01-01 00:00:00+00';

SELECT * FROM transfers WHERE amount > 1000 ORDER BY at DESC;

-- Not in the workload: no figures.
SELECT city, count(*) FROM users GROUP BY city;
