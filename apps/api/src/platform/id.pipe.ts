import { Injectable, type PipeTransform } from '@nestjs/common';
import { isValidId } from '#ordo/domain';
import { ApiError } from './api-error.js';

/** A malformed id in a path is a 400 (INVALID_ID), never a look-up. */
@Injectable()
export class IdPipe implements PipeTransform<string, string> {
  constructor(
    private readonly prefix: string,
    private readonly field: string,
  ) {}

  transform(value: string): string {
    if (!isValidId(this.prefix, value)) throw new ApiError(400, 'INVALID_ID', `${this.field} must be an id starting with ${this.prefix}`, this.field);
    return value;
  }
}
