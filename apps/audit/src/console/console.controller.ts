import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { CrmConfig } from '@crm/config';
import { CrmError, ErrorCode } from '@crm/contracts';
import { CRM_CONFIG } from '@crm/runtime';
import { AUDIT_CONFIG, type AuditConfig } from '../audit.config.js';
import { loadConsoleAssets, type ConsoleAsset } from './console-assets.js';
import { consoleAuthOrigin, consoleCsp } from './console-csp.js';

/**
 * The operator console (SPEC §4.3): static HTML, CSS and JavaScript modules, no build step.
 * Public files; every API call the page makes carries the operator's bearer token.
 */
@Controller('console')
export class ConsoleController {
  private readonly assets: Map<string, ConsoleAsset>;

  constructor(
    @Inject(CRM_CONFIG) private readonly config: CrmConfig,
    @Inject(AUDIT_CONFIG) private readonly audit: AuditConfig,
  ) {
    this.assets = loadConsoleAssets();
  }

  @Get()
  index(@Req() req: Request, @Res() res: Response): void {
    this.send(req, res, 'index.html');
  }

  /** Where the page signs in, decided by the server so the page needs no configuration of its own. */
  @Get('config.json')
  settings(@Req() req: Request, @Res() res: Response): void {
    this.headers(req, res);
    res.type('application/json').send(JSON.stringify({ authUrl: this.authOrigin(req) }));
  }

  @Get(':file')
  file(@Param('file') file: string, @Req() req: Request, @Res() res: Response): void {
    this.send(req, res, file);
  }

  private send(req: Request, res: Response, name: string): void {
    const asset = this.assets.get(name);
    if (!asset) throw new CrmError(ErrorCode.NotFound, 'no such console file');
    this.headers(req, res);
    res.setHeader('content-type', asset.contentType);
    res.send(asset.body);
  }

  private authOrigin(req: Request): string {
    return consoleAuthOrigin(this.audit.console, this.config.httpPorts.auth, req.protocol, req.hostname);
  }

  private headers(req: Request, res: Response): void {
    res.setHeader('content-security-policy', consoleCsp(this.authOrigin(req)));
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-frame-options', 'DENY');
    res.setHeader('cache-control', 'no-cache');
  }
}
