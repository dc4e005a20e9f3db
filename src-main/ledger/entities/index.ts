import { Activity, PromiseToPay } from './activity';
import { Allocation, CreditNote, LedgerSetting, Payment, WriteOff } from './cash';
import { Contact } from './contact';
import { Customer } from './customer';
import { Instalment, Invoice } from './invoice';

export { Activity, Allocation, Contact, CreditNote, Customer, Instalment, Invoice, LedgerSetting, Payment, PromiseToPay, WriteOff };
/** Listed as classes, never globs: globs break once the code is bundled or packaged. */
export const entities = [Customer, Contact, Invoice, Instalment, Payment, CreditNote, WriteOff, Allocation, LedgerSetting, Activity, PromiseToPay];
