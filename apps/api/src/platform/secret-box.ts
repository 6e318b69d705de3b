import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ORDO_CONFIG, type OrdoConfig } from '../config/ordo-config.js';

const VERSION = 'v1';

/**
 * Seals secrets the service must use again in clear (webhook signing secrets: HMAC needs the
 * secret itself, so it cannot be hashed) with AES-256-GCM. The key is ORDO_SECRETS_KEY (32 bytes,
 * base64) or a key file made on first start next to the database (mode 0600): the log and the
 * database hold only sealed values, so a copy of them alone reveals no secret.
 */
@Injectable()
export class SecretBox {
  private readonly key: Buffer;

  constructor(@Inject(ORDO_CONFIG) config: OrdoConfig) {
    this.key = config.secretsKey ? Buffer.from(config.secretsKey, 'base64') : loadOrCreateKey(config.secretsKeyFile);
    if (this.key.length !== 32) throw new Error('ORDO_SECRETS_KEY must be 32 bytes, base64');
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  open(sealed: string): string {
    const [version, packed] = sealed.split('.');
    if (version !== VERSION || !packed) throw new Error('not a sealed secret of this service');
    const raw = Buffer.from(packed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}

function loadOrCreateKey(file: string): Buffer {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    // 'wx': two processes starting at once never overwrite each other's key.
    try {
      writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  chmodSync(file, 0o600);
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
}
