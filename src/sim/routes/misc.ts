// health/, rules/, users/, events/.

import { OTHER_SQL_USERS, SIM_USERS } from '../auth';
import { EVENT_COUNT, eventModel } from '../data/events';
import { HOSTILE_USERNAMES } from '../data/hostile';
import { RULES_YAML } from '../data/rules';
import { MSG_INTERNAL, parseGoBool, sendError, sendJson } from '../http';
import { offsetPage, parseOffsetParams } from '../paging';
import type { Ctx, Route } from '../router';

function health(ctx: Ctx): void {
  const { res, sim, query } = ctx;
  const raw = query.get('ready');
  let ready = false;
  if (raw !== null) {
    const b = parseGoBool(raw);
    if (b === undefined) return sendError(res, sim.profile, 400, 'invalid ready value');
    ready = b;
  }
  if (sim.profile === 'seed-spec') {
    const ok = !(ready && sim.notReady);
    return sendJson(res, ok ? 200 : 500, { node_id: 1, ready: !sim.notReady });
  }
  // The real reason (draining, not live, …) only goes to the server log.
  if (ready && sim.notReady) return sendError(res, sim.profile, 500, MSG_INTERNAL);
  sendJson(res, 200, {});
}

function rules(ctx: Ctx): void {
  ctx.res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(RULES_YAML) });
  ctx.res.end(RULES_YAML);
}

const ALL_USERS = [...SIM_USERS.map((u) => u.username), ...OTHER_SQL_USERS, ...HOSTILE_USERNAMES].sort();

function users(ctx: Ctx): void {
  const page = offsetPage(
    ALL_USERS.length,
    parseOffsetParams(ctx.query),
    (a, b) => ALL_USERS.slice(a, b).map((username) => ({ username })),
    true,
  );
  sendJson(ctx.res, 200, { users: page.items, next: page.next });
}

function events(ctx: Ctx): void {
  const { query, sim } = ctx;
  const type = query.get('type');
  // From v23.1 the handler reads only `type`; `targetID` is silently ignored.
  const target = sim.profile === 'v23' || sim.profile === 'v25' ? null : query.get('targetID');
  const targetId = target === null ? undefined : Number.parseInt(target, 10);
  const matching: number[] = [];
  for (let i = 0; i < EVENT_COUNT; i++) {
    if (type === null && targetId === undefined) {
      matching.push(i);
      continue;
    }
    const e = eventModel(sim.topo, i);
    if (type !== null && e.eventType !== type) continue;
    if (targetId !== undefined && e.targetId !== targetId) continue;
    matching.push(i);
  }
  const page = offsetPage(
    matching.length,
    parseOffsetParams(query),
    (a, b) => matching.slice(a, b).map((i) => eventModel(sim.topo, i).wire),
    true,
  );
  sendJson(ctx.res, 200, { events: page.items, next: page.next });
}

export const miscRoutes: Route[] = [
  { re: /^health\/$/, auth: 'none', tenant: false, handle: health },
  { re: /^rules\/$/, auth: 'none', tenant: true, absentIn: ['v21'], handle: rules },
  { re: /^users\/$/, auth: 'user', tenant: false, handle: users },
  { re: /^events\/$/, auth: 'admin', tenant: false, handle: events },
];
