/** A running throwaway PostgreSQL cluster. */
export interface PgCluster {
  /** Socket folder. */
  dir: string;
  /** A connection string for a database of the cluster. */
  url(database?: string): string;
  /** Create a fresh database and return its connection string. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}
export function postgresUnavailable(): string | undefined;
export function startPostgres(): Promise<PgCluster>;
