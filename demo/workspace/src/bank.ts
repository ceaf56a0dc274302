// The bank ledger: transfers between accounts, in one transaction each.
import type { Db } from './rides';

export async function transfer(db: Db, id: string, src: number, dst: number, amount: number): Promise<void> {
  await db.query('UPDATE accounts SET balance = balance - $1 WHERE id = $2', [amount, src]);
  await db.query('UPDATE accounts SET balance = balance - $1 WHERE id = $2', [-amount, dst]);
  await db.query('INSERT INTO transfers(id, src, dst, amount, at) VALUES ($1, $2, $3, $4, now())', [
    id,
    src,
    dst,
    amount,
  ]);
}

export function balance(db: Db, account: number) {
  return db.query<{ balance: string }>('SELECT balance FROM accounts WHERE id = $1', [account]);
}

export function largeTransfers(db: Db, over: number) {
  return db.query('SELECT * FROM transfers WHERE amount > $1 ORDER BY at DESC', [over]);
}
