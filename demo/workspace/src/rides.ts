// The MovR rides service: the SQL it sends is the simulated cluster's workload, so the
// CockroachDB CodeLens shows each statement's live figures (p99, executions per hour,
// insights) right above it. Click one for the statement's details.
export interface Db {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export class RidesService {
  constructor(private readonly db: Db) {}

  /** The busiest statement: a full scan until rides gets an index on rider_id. */
  ridesOfRider(riderId: string) {
    return this.db.query('SELECT * FROM rides WHERE rider_id = $1', [riderId]);
  }

  usersInCity(city: string, limit = 25) {
    return this.db.query('SELECT id, city, name FROM users WHERE city = $1 LIMIT $2', [city, limit]);
  }

  startRide(ride: { id: string; city: string; riderId: string; vehicleId: string }) {
    return this.db.query(
      'INSERT INTO rides(id, city, rider_id, vehicle_id, start_time) ' + 'VALUES ($1, $2, $3, $4, now())',
      [ride.id, ride.city, ride.riderId, ride.vehicleId],
    );
  }

  parkVehicle(vehicleId: string) {
    return this.db.query(`UPDATE vehicles SET status = $1 WHERE id = $2`, ['parked', vehicleId]);
  }

  availableVehicles() {
    return this.db.query(
      `
      SELECT count(*)
        FROM vehicles
       WHERE status = $1`,
      ['available'],
    );
  }

  promoCodes(pattern: string) {
    return this.db.query('SELECT code, rules FROM promo_codes WHERE description LIKE $1', [`%${pattern}%`]);
  }
}
