import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/sql';
import { addressHash, addressKey } from '../http/addresses';

/** Whom a request to erase is about: the address as typed, the key it is known by, and its hash. */
export interface Person {
  readonly address: string;
  readonly key: string;
  readonly hash: string;
}

export function personOf(address: string): Person {
  return { address, key: addressKey(address), hash: addressHash(address) };
}

/** Removes everything one part of Mailroom keeps about a person, inside the erasure's transaction. */
export type Eraser = (tx: Tx, person: Person) => Promise<void>;

/**
 * Where personal data lives, so "erase me" reaches all of it: each module that stores data about people registers
 * how to erase it (contact submissions, outbox jobs, audit entries, …) and the subscriber erasure runs them all in
 * one transaction. A module added later registers here and erasure stays complete.
 */
@Injectable()
export class PersonalData {
  private readonly erasers = new Map<string, Eraser>();

  register(owner: string, eraser: Eraser): void {
    this.erasers.set(owner, eraser);
  }

  async erase(tx: Tx, person: Person): Promise<void> {
    for (const eraser of this.erasers.values()) await eraser(tx, person);
  }
}
