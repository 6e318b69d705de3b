import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { EVENT_STORE } from '../persistence/tokens.js';
import { STATE_DB, type StateDb } from '../persistence/state-db.js';
import type { EventStore } from '#ordo/event-store';
import { ProjectionProgress } from '../application/projections/projection-progress.js';
import { Public } from '../platform/auth.guard.js';
import { ApiData } from '../platform/openapi/envelope.js';
import { HealthResponse } from './health.responses.js';

/** Liveness says the process answers; readiness says it can serve reads and writes now. */
@ApiTags('health')
@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(STATE_DB) private readonly state: StateDb,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionProgress,
  ) {}

  @Get('healthz')
  @HealthCheck()
  @ApiData(HealthResponse)
  live() {
    return this.health.check([() => this.indicators.check('process').up()]);
  }

  @Get('readyz')
  @HealthCheck()
  @ApiData(HealthResponse)
  ready() {
    return this.health.check([
      async () => {
        // The database holding service state (the embedded file, or PostgreSQL): closed or unreachable is down.
        const ok = await this.state.ping().catch(() => false);
        return ok ? this.indicators.check('database').up() : this.indicators.check('database').down('database closed');
      },
      async () => {
        const head = await this.store.headPosition();
        const behind = this.projections.lag(head);
        return behind <= 1000n
          ? this.indicators.check('projections').up({ behind: Number(behind) })
          : this.indicators.check('projections').down({ behind: Number(behind) });
      },
    ]);
  }
}
