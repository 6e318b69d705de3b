import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

/** `{ amount, currency }` as every answer shows money: integer minor units. */
export class MoneyResponse {
  @ApiProperty({ type: 'integer', example: 2500, description: "Integer amount in the currency's minor units" })
  amount!: number;

  @ApiProperty({ example: 'USD', description: 'ISO 4217 code' })
  currency!: string;
}

export class ErrorBody {
  @ApiProperty({ enum: ['invalid_request_error', 'authentication_error', 'permission_error', 'not_found_error', 'conflict_error', 'business_rule_error', 'rate_limit_error', 'api_error'] })
  type!: string;

  @ApiProperty({ example: 'ORDER_NOT_FOUND', description: 'Stable, one per rule (docs/api.md lists them)' })
  code!: string;

  @ApiProperty()
  message!: string;

  @ApiPropertyOptional({ description: 'snake_case path of the offending input, when there is one' })
  field?: string;

  @ApiProperty({ example: 'req_…' })
  request_id!: string;
}

export class ErrorEnvelope {
  @ApiProperty({ type: ErrorBody })
  error!: ErrorBody;
}

const meta = { type: 'object', additionalProperties: true, description: '`idempotent_replayed: true` on an answer replayed for an Idempotency-Key' };
const requestId = { type: 'string', example: 'req_…' };

/** `{ data: <model>, request_id, meta }`. */
export function ApiData(model: Type<unknown>, status = 200, description = 'OK'): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(model),
    ApiResponse({
      status,
      description,
      schema: { type: 'object', required: ['data', 'request_id', 'meta'], properties: { data: { $ref: getSchemaPath(model) }, request_id: requestId, meta } },
    }),
  );
}

/** `{ data: <model>[], next_page_token, request_id, meta }`: a cursor page. */
export function ApiPage(model: Type<unknown>): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(model),
    ApiResponse({
      status: 200,
      description: 'A page, newest first; pass next_page_token as page_token for the next one',
      schema: {
        type: 'object',
        required: ['data', 'next_page_token', 'request_id', 'meta'],
        properties: { data: { type: 'array', items: { $ref: getSchemaPath(model) } }, next_page_token: { type: 'string', nullable: true }, request_id: requestId, meta },
      },
    }),
  );
}

/** `{ data: <model>[], request_id, meta }`: a whole list, not paginated. */
export function ApiDataList(model: Type<unknown>): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(model),
    ApiResponse({
      status: 200,
      description: 'OK',
      schema: { type: 'object', required: ['data', 'request_id', 'meta'], properties: { data: { type: 'array', items: { $ref: getSchemaPath(model) } }, request_id: requestId, meta } },
    }),
  );
}
