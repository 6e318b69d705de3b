import { ApiProperty } from '@nestjs/swagger';

const INDICATORS = {
  type: 'object' as const,
  additionalProperties: { type: 'object', properties: { status: { type: 'string', enum: ['up', 'down'] } }, required: ['status'] },
  example: { database: { status: 'up' }, projections: { status: 'up', behind: 0 } },
};

/** What terminus reports, inside the usual envelope. */
export class HealthResponse {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'] })
  status!: string;
  @ApiProperty({ ...INDICATORS, description: 'the indicators that are up' })
  info!: Record<string, { status: string }>;
  @ApiProperty({ ...INDICATORS, description: 'the indicators that are down' })
  error!: Record<string, { status: string }>;
  @ApiProperty({ ...INDICATORS, description: 'every indicator' })
  details!: Record<string, { status: string }>;
}
