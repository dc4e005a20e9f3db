import { Contact } from './contact';
import { Customer } from './customer';

export { Contact, Customer };
/** Listed as classes, never globs: globs break once the code is bundled or packaged. */
export const entities = [Customer, Contact];
