import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** The OpenAPI document is generated from the controllers and DTOs; `/docs` is the interactive reference. */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Ordo API')
    .setDescription(
      'Order-first payments API. Money is `{ amount, currency }` in integer minor units; every POST accepts an `Idempotency-Key`. ' +
        'Answers are enveloped as `{ data, request_id, meta }`; errors as `{ error: { type, code, message, field?, request_id } }`.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'ordo_test_… or ordo_live_…' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
}
