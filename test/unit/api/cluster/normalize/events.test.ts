import assert from 'node:assert/strict';
import { normalizeEvents } from '../../../../../src/api/cluster/normalize/events';

describe('normalize: events and schema', () => {
  it('reads events, dropping the zero timestamp', () => {
    const events = normalizeEvents({
      events: [
        {
          timestamp: '2025-01-16T10:00:00Z',
          event_type: 'create_table',
          target_id: 106,
          reporting_id: 1,
          info: '{"Statement":"CREATE TABLE"}',
          unique_id: 'AAEC',
        },
        { timestamp: '0001-01-01T00:00:00Z', event_type: 'node_join' },
      ],
    });
    assert.equal(events[0]!.timestamp?.toISOString(), '2025-01-16T10:00:00.000Z');
    assert.deepEqual(
      { ...events[0], timestamp: undefined },
      {
        eventType: 'create_table',
        targetId: 106,
        reportingId: 1,
        info: '{"Statement":"CREATE TABLE"}',
        uniqueId: 'AAEC',
        timestamp: undefined,
      },
    );
    assert.deepEqual(events[1], { eventType: 'node_join' });
    assert.deepEqual(normalizeEvents({ events: null }), []);
  });
});
