import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** OpenAPI for auth's HTTP interface: UI at `/docs`, JSON at `/docs-json`. */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('CRM auth')
    .setDescription(
      'Employees (onboarding, offboarding), roles and permissions, access review. Authenticate with `POST /auth/login`, then send ' +
        '`Authorization: Bearer <accessToken>`. Errors answer `{code, message, details?}` with the codes of the wire contract.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
