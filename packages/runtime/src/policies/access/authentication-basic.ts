// authentication-basic: sets `Authorization: Basic base64(username:password)` on the backend request (UTF-8).
import type { PolicyImplementation } from '../types.ts';

export const authenticationBasicPolicy: PolicyImplementation = {
  name: 'authentication-basic',
  build(node, build) {
    const username = build.string(node, 'username');
    const password = build.string(node, 'password');
    return {
      run(ctx) {
        const credentials = Buffer.from(`${username(ctx) ?? ''}:${password(ctx) ?? ''}`, 'utf8').toString('base64');
        ctx.Request.Headers.set('Authorization', `Basic ${credentials}`);
      },
    };
  },
};
