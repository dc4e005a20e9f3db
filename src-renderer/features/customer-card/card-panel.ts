import type { CustomerCard } from '../../../src-main/contract';

/** What every collections panel on the customer card receives. */
export interface CardPanelProps {
  customerId: number;
  card: CustomerCard;
  /** The clerk's today (the tests control the clock). */
  today: string;
  /** Bumped whenever the card reloads, so a panel can fetch again. */
  version: number;
  /** After a change: shows the message and reloads the card. */
  onChanged(message: string): void;
}
