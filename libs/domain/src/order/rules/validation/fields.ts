import { isValidId, type IdPrefix } from '../../../ids.js';
import type { Metadata } from '../../model/order-state.js';
import { orderError } from '../../model/order-errors.js';

/*
 * Field rules shared by the order commands. Each takes the snake_case path of the field so the
 * error points at exactly what was wrong (`line_items[2].quantity`). Lengths count Unicode code
 * points, which is what a person counting characters would count.
 */

export const MAX_NAME_LENGTH = 255;
export const MAX_SKU_LENGTH = 100;
export const MAX_NOTES_LENGTH = 2000;
export const MAX_QUANTITY = 1_000_000;
export const MAX_METADATA_KEYS = 50;
export const MAX_METADATA_KEY_LENGTH = 40;
export const MAX_METADATA_VALUE_LENGTH = 500;

const length = (text: string) => [...text].length;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object at `field`, or INVALID_REQUEST when it is not an object at all. */
export function requireRecord(value: unknown, field: string): Record<string, unknown> {
  if (!isRecord(value)) throw orderError('INVALID_REQUEST', `${field} must be an object`, field);
  return value;
}

/** The list at `field` (absent = empty), or INVALID_REQUEST when it is not a list. */
export function optionalList(value: unknown, field: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw orderError('INVALID_REQUEST', `${field} must be a list`, field);
  return value;
}

export function validateId(prefix: IdPrefix, value: unknown, field: string): string {
  if (!isValidId(prefix, value)) throw orderError('INVALID_ID', `${field} must be an id like ${prefix}… (16–40 letters or digits)`, field);
  return value;
}

/** Trimmed, 1–255 characters. The trimmed form is what is kept. */
export function validateName(value: unknown, field: string): string {
  const name = typeof value === 'string' ? value.trim() : '';
  if (length(name) < 1 || length(name) > MAX_NAME_LENGTH) throw orderError('INVALID_NAME', `${field} must have 1 to ${MAX_NAME_LENGTH} characters`, field);
  return name;
}

export function validateQuantity(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_QUANTITY) {
    throw orderError('INVALID_QUANTITY', `${field} must be a whole number from 1 to ${MAX_QUANTITY}`, field);
  }
  return value;
}

/** Absent or null → null. */
export function validateSku(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || length(value) > MAX_SKU_LENGTH) throw orderError('INVALID_SKU', `${field} must be a string of at most ${MAX_SKU_LENGTH} characters`, field);
  return value;
}

/** Absent or null → null. */
export function validateNotes(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || length(value) > MAX_NOTES_LENGTH) throw orderError('INVALID_NOTES', `${field} must be a string of at most ${MAX_NOTES_LENGTH} characters`, field);
  return value;
}

/** Absent → {}. At most 50 keys of 1–40 characters, string values of at most 500. */
export function validateMetadata(value: unknown, field: string): Metadata {
  if (value === undefined) return {};
  if (!isRecord(value)) throw orderError('INVALID_METADATA', `${field} must be an object of string values`, field);
  const entries = Object.entries(value);
  if (entries.length > MAX_METADATA_KEYS) throw orderError('INVALID_METADATA', `${field} may hold at most ${MAX_METADATA_KEYS} keys`, field);
  for (const [key, entry] of entries) {
    if (length(key) < 1 || length(key) > MAX_METADATA_KEY_LENGTH) {
      throw orderError('INVALID_METADATA', `${field} keys must have 1 to ${MAX_METADATA_KEY_LENGTH} characters`, field);
    }
    if (typeof entry !== 'string' || length(entry) > MAX_METADATA_VALUE_LENGTH) {
      throw orderError('INVALID_METADATA', `${field}.${key} must be a string of at most ${MAX_METADATA_VALUE_LENGTH} characters`, `${field}.${key}`);
    }
  }
  // A fresh object with own data properties only (a "__proto__" key stays a plain key).
  return Object.fromEntries(entries) as Metadata;
}
