import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { configErrorOf } from './config-error.js';
import { describeConfig, loadConfig } from './crm-config.js';

const key = `k1:${randomBytes(32).toString('base64')}`;
const tracing = (env: Record<string, string>) => loadConfig({ CRM_MASTER_KEY: key, ...env }).tracing;
const error = (env: Record<string, string>) => configErrorOf(() => loadConfig({ CRM_MASTER_KEY: key, ...env })).message;

describe('span export (OTEL_* variables)', () => {
  it('is off unless an OTLP endpoint is configured', () => {
    expect(tracing({})).toEqual({ export: false, serviceName: null, sampler: { name: 'parentbased_always_on', ratio: 1 } });
    expect(tracing({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).export).toBe(true);
    expect(tracing({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://collector.example/v1/traces' }).export).toBe(true);
    expect(describeConfig(loadConfig({ CRM_MASTER_KEY: key })).spanExport).toBe('off');
  });

  it('stays off when OTEL_SDK_DISABLED or OTEL_TRACES_EXPORTER=none says so, as the OTel convention has it', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(tracing({ ...endpoint, OTEL_SDK_DISABLED: 'TRUE' }).export).toBe(false);
    expect(tracing({ ...endpoint, OTEL_TRACES_EXPORTER: 'none' }).export).toBe(false);
    expect(tracing({ ...endpoint, OTEL_SDK_DISABLED: 'false', OTEL_TRACES_EXPORTER: 'OTLP' }).export).toBe(true);
  });

  it('reads the service name and the sampler', () => {
    expect(
      tracing({ OTEL_SERVICE_NAME: ' crm-eu ', OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.25' }),
    ).toMatchObject({ serviceName: 'crm-eu', sampler: { name: 'parentbased_traceidratio', ratio: 0.25 } });
  });

  it('stops with the variable named for a bad value, never echoing it', () => {
    expect(error({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:43 18/secret' })).toBe(
      'configuration error: OTEL_EXPORTER_OTLP_ENDPOINT is not a valid URL',
    );
    expect(error({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'ftp://collector' })).toBe(
      'configuration error: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT must use http: or https:',
    );
    expect(error({ OTEL_TRACES_SAMPLER: 'sometimes' })).toMatch(/^configuration error: OTEL_TRACES_SAMPLER must be /);
    expect(error({ OTEL_TRACES_SAMPLER_ARG: '1.5' })).toBe('configuration error: OTEL_TRACES_SAMPLER_ARG must be a number between 0 and 1');
    expect(error({ OTEL_TRACES_EXPORTER: 'zipkin' })).toBe('configuration error: OTEL_TRACES_EXPORTER must be otlp or none');
  });

  it('refuses a protocol other than http/json only when spans are exported (another tool may share the setting)', () => {
    expect(tracing({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }).export).toBe(false);
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(error({ ...endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toMatch(
      /^configuration error: OTEL_EXPORTER_OTLP_PROTOCOL must be http\/json/,
    );
    expect(error({ ...endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf' })).toMatch(
      /^configuration error: OTEL_EXPORTER_OTLP_TRACES_PROTOCOL must be http\/json/,
    );
    expect(tracing({ ...endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json' }).export).toBe(
      true,
    );
  });
});
