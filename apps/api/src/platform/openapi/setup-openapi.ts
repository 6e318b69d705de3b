import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ErrorEnvelope, MoneyResponse } from './envelope.js';
import { finishDocument } from './finish-document.js';

/** The OpenAPI document is generated from the controllers and DTOs; `/docs` is the interactive reference. */
export function buildOpenApiDocument(app: INestApplication) {
  const config = new DocumentBuilder()
    .setTitle('Ordo API')
    .setDescription(
      'Order-first payments API. Money is `{ amount, currency }` in integer minor units; every POST accepts an `Idempotency-Key`. ' +
        'Answers are enveloped as `{ data, request_id, meta }`; errors as `{ error: { type, code, message, field?, request_id } }`.',
    )
    .setVersion('1')
    // Not JWTs: opaque secrets whose prefix says the mode.
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'ordo_test_<secret> | ordo_live_<secret>', description: 'An API key: ordo_test_… (test mode) or ordo_live_… (live mode)' })
    .build();
  return finishDocument(SwaggerModule.createDocument(app, config, { extraModels: [ErrorEnvelope, MoneyResponse] }));
}

export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'openapi.json' });
}
