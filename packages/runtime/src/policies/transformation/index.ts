// Transformation policies (spec §3.9) and set-variable (spec §2.4).
import type { PolicyImplementation } from '../types.ts';
import { findAndReplace } from './find-and-replace.ts';
import { jsonToXmlPolicy } from './json-to-xml.ts';
import { rewriteUri } from './rewrite-uri.ts';
import { setBody } from './set-body.ts';
import { setHeader } from './set-header.ts';
import { setMethod } from './set-method.ts';
import { setQueryParameter } from './set-query-parameter.ts';
import { setStatus } from './set-status.ts';
import { setVariable } from './set-variable.ts';
import { xmlToJsonPolicy } from './xml-to-json.ts';

export const transformationPolicies: readonly PolicyImplementation[] = [
  setVariable,
  setHeader,
  setQueryParameter,
  setMethod,
  setStatus,
  setBody,
  rewriteUri,
  findAndReplace,
  xmlToJsonPolicy,
  jsonToXmlPolicy,
];
