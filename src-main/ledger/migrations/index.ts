import { CustomersAndContacts1763856000000 } from './1763856000000-customers-and-contacts';
import { LedgerEntries1763942400000 } from './1763942400000-ledger-entries';
import { Timeline1764028800000 } from './1764028800000-timeline';
import { CollectionsWorkflow1764115200000 } from './1764115200000-collections-workflow';
import { Letters1764201600000 } from './1764201600000-letters';
import { Collectable1764288000000 } from './1764288000000-collectable';
import { HistoryKept1764374400000 } from './1764374400000-history-kept';
import { WorkActionUndo1764460800000 } from './1764460800000-work-action-undo';
import { ImportMappings1764547200000 } from './1764547200000-import-mappings';
import { CustomerUpdatedIndex1764720000000 } from './1764720000000-customer-updated-index';
import { PolicyReadIndexes1764892800000 } from './1764892800000-policy-read-indexes';
import { CreditBureau1764979200000 } from './1764979200000-credit-bureau';
import { Mail1765065600000 } from './1765065600000-mail';
import { ImportSnapshots1765152000000 } from './1765152000000-import-snapshots';
import { CustomerPolicyIndexes1765238400000 } from './1765238400000-customer-policy-indexes';

/** In order. One file per migration; never edit one that has shipped, add a new one. */
export const migrations = [
  CustomersAndContacts1763856000000,
  LedgerEntries1763942400000,
  Timeline1764028800000,
  CollectionsWorkflow1764115200000,
  Letters1764201600000,
  Collectable1764288000000,
  HistoryKept1764374400000,
  WorkActionUndo1764460800000,
  ImportMappings1764547200000,
  CustomerUpdatedIndex1764720000000,
  PolicyReadIndexes1764892800000,
  CreditBureau1764979200000,
  Mail1765065600000,
  ImportSnapshots1765152000000,
  CustomerPolicyIndexes1765238400000,
];
