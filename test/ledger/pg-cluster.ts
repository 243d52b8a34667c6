/** The throwaway PostgreSQL cluster of the tests (scripts/pg-cluster.mjs, shared with bench/). */
export { type PgCluster, postgresUnavailable, startPostgres } from '../../scripts/pg-cluster.mjs';
