// The health rules' thresholds, from settings (read at every check, so a change applies at once).
import { config } from '../config/config';
import type { HealthThresholds } from '../domain/health/rules';

export function healthThresholds(): HealthThresholds {
  return {
    capacityPercent: config.get('health.capacityPercent'),
    clockOffsetMs: config.get('health.clockOffsetMs'),
    maxOffsetMs: config.get('health.maxOffsetMs'),
    p99LatencyMs: config.get('health.p99LatencyMs'),
  };
}
