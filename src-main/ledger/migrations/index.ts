import { CustomersAndContacts1763856000000 } from './1763856000000-customers-and-contacts';

/** In order. One file per migration; never edit one that has shipped, add a new one. */
export const migrations = [CustomersAndContacts1763856000000];
