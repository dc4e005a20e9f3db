import type { Handlers } from '../contract';
import { CustomerService } from '../customers/customer-service';
import type { Ledger } from '../ledger/ledger';
import { APP_VERSION } from '../app/version';

/** Binds every contract method to the services of one open ledger. */
export function createHandlers(ledger: Ledger): Handlers {
  const customers = new CustomerService(ledger.dataSource);
  return {
    'app.info': async () => ({ name: 'Settle', version: APP_VERSION, ledgerPath: ledger.path, schemaVersion: ledger.schemaVersion() }),
    'customers.list': (i) => customers.list(i),
    'customers.get': (i) => customers.get(i.id),
    'customers.create': (i) => customers.create(i),
    'customers.update': (i) => customers.update(i.id, i.customer),
  };
}
