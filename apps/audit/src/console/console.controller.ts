import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { CrmConfig } from '@crm/config';
import { CrmError, ErrorCode } from '@crm/contracts';
import { CRM_CONFIG } from '@crm/runtime';
import { AUDIT_CONFIG, type AuditConfig } from '../audit.config.js';
import { loadConsoleAssets, type ConsoleAsset } from './console-assets.js';
import { consoleAuthOrigin, consoleCsp } from './console-csp.js';

/**
 * The operator console (SPEC §4.3): static HTML, CSS and JavaScript modules, no build step.
 * Public files; every API call the page makes carries the operator's bearer token. Also answers
 * `/favicon.ico`, which browsers ask the origin for whatever the page links.
 */
@Controller()
export class ConsoleController {
  private readonly assets: Map<string, ConsoleAsset>;
  private readonly csp: string;
  private readonly authOrigin: string;

  constructor(@Inject(CRM_CONFIG) config: CrmConfig, @Inject(AUDIT_CONFIG) audit: AuditConfig) {
    this.assets = loadConsoleAssets();
    this.authOrigin = consoleAuthOrigin(audit.console, config.publicUrls);
    this.csp = consoleCsp(this.authOrigin);
  }

  @Get('console')
  index(@Res() res: Response): void {
    this.send(res, 'index.html');
  }

  @Get('favicon.ico')
  favicon(@Res() res: Response): void {
    this.send(res, 'favicon.ico');
  }

  /** Where the page signs in, decided by the server so the page needs no configuration of its own. */
  @Get('console/config.json')
  settings(@Res() res: Response): void {
    this.headers(res);
    res.setHeader('cache-control', 'no-store');
    res.type('application/json').send(JSON.stringify({ authUrl: this.authOrigin }));
  }

  @Get('console/:file')
  file(@Param('file') file: string, @Res() res: Response): void {
    this.send(res, file);
  }

  private send(res: Response, name: string): void {
    const asset = this.assets.get(name);
    if (!asset) throw new CrmError(ErrorCode.NotFound, 'no such console file');
    this.headers(res);
    // Static files: revalidated, not stored-never like API answers (secureHttpHeaders).
    res.setHeader('cache-control', 'no-cache');
    res.setHeader('content-type', asset.contentType);
    res.send(asset.body);
  }

  private headers(res: Response): void {
    res.setHeader('content-security-policy', this.csp);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-frame-options', 'DENY');
  }
}
