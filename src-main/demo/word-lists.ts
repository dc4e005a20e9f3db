// Names and phrases for synthetic customers and invoices: all invented for Settle's demos.

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const PLACE_WORDS = [
  'Harbor', 'Keystone', 'Summit', 'Cedar', 'Granite', 'Bluewater', 'Northgate', 'Ironwood', 'Maple', 'Riverside',
  'Prairie', 'Copper', 'Lakeshore', 'Silver', 'Oakmont', 'Pinecrest', 'Willow', 'Evergreen', 'Redstone', 'Beacon',
  'Meridian', 'Pioneer', 'Frontier', 'Heritage', 'Liberty', 'Sterling', 'Union', 'Highland', 'Coastal', 'Juniper',
  'Bayview', 'Foxhollow', 'Stonebridge', 'Westfield', 'Lantern', 'Magnolia', 'Aspen', 'Canyon', 'Orchard', 'Tidewater',
];
export const PLACE_TAILS = ['Lane', 'Ridge', 'Creek', 'Point', 'Bay', 'Hill', 'Field', 'Brook', 'Park', 'Gate', 'Rock', 'Crest', 'Hollow', 'Springs', 'Bridge', 'Station', 'Mill', 'Landing', 'Row', 'Square'];
export const TRADES = [
  'Provisions', 'Supply', 'Outfitters', 'Logistics', 'Mercantile', 'Fabrication', 'Builders', 'Interiors', 'Analytics', 'Foods',
  'Hardware', 'Print Works', 'Textiles', 'Electric', 'Mechanical', 'Landscaping', 'Roofing', 'Marine', 'Bakery', 'Coffee Roasters',
  'Brewing', 'Florists', 'Cabinetry', 'Paving', 'Glassworks',
];
export const INDUSTRIES = [
  'Dental Group', 'Veterinary Clinic', 'Physical Therapy', 'Family Medicine', 'Auto Repair', 'Engineering', 'Architects',
  'Consulting Group', 'Property Management', 'Construction Co.', 'Distributors Inc.', 'Manufacturing LLC', 'Hospitality Group',
  'Medical Supply', 'Restaurant Group', 'Freight Lines', 'Pharmacy', 'Animal Hospital', 'Machine Works', 'Optometry',
  'Plumbing & Heating', 'Home Health', 'Realty', 'Event Rentals', 'Charter School',
];
export const ORG_SUFFIXES = ['Inc.', 'LLC', 'Co.', 'Ltd.', 'Group', 'Partners'];
export const SURNAMES = [
  'Okafor', 'Lindqvist', 'Delgado', 'Nakamura', 'Patel', 'Hughes', 'Moreau', 'Kowalski', 'Haddad', 'Brennan',
  'Ferreira', 'Osei', 'Novak', 'Castillo', 'Whitfield', 'Yamamoto', 'Abernathy', 'Ruiz', 'Sorensen', 'Chen',
  'Mbeki', 'Gallagher', 'Rossi', 'Iverson', 'Kaur', 'Petrov', 'Dubois', 'Walsh', 'Adeyemi', 'Larsen',
  'Morales', 'Fitzgerald', 'Tanaka', 'Schmidt', 'Oyelaran', 'Bianchi', 'Mendez', 'Holloway', 'Quinn', 'Varga',
  'Ahmed', 'Baptiste', 'Costa', 'Eriksen', 'Grant', 'Kim', 'Levy', 'Murphy', 'Nguyen', 'Pham',
];
export const FIRST_NAMES = [
  'Dana', 'Marcus', 'Priya', 'Elena', 'Tomás', 'Grace', 'Omar', 'Hannah', 'Kenji', 'Lucia',
  'Noah', 'Fatima', 'Samuel', 'Ingrid', 'Diego', 'Aisha', 'Peter', 'Mei', 'Jonas', 'Chloe',
  'Rahul', 'Sofia', 'Andre', 'Naomi', 'Victor', 'Leah', 'Mateo', 'Yara', 'Connor', 'Amara',
  'Ben', 'Rosa', 'Ivan', 'Julia', 'Kwame', 'Nora', 'Felix', 'Zoe', 'Hugo', 'Maya',
];
export const STREETS = ['Maple', 'Oak', 'Main', 'Commerce', 'Industrial', 'Harbor', 'Elm', 'Washington', 'Lincoln', 'Park', 'Lake', 'Hill', 'Church', 'Market', 'Mill', 'River', 'Cedar', 'Franklin', 'Jefferson', 'Sunset'];
export const STREET_TYPES = ['St', 'Ave', 'Blvd', 'Rd', 'Dr', 'Way', 'Pkwy', 'Ln', 'Ct'];
/** [city, region, first three postal characters, area code, country] */
export const PLACES: readonly (readonly [string, string, string, string, string])[] = [
  ['Portland', 'OR', '972', '503', 'US'], ['Columbus', 'OH', '432', '614', 'US'], ['Denver', 'CO', '802', '303', 'US'],
  ['Austin', 'TX', '787', '512', 'US'], ['Raleigh', 'NC', '276', '919', 'US'], ['Madison', 'WI', '537', '608', 'US'],
  ['Sacramento', 'CA', '958', '916', 'US'], ['Tucson', 'AZ', '857', '520', 'US'], ['Omaha', 'NE', '681', '402', 'US'],
  ['Richmond', 'VA', '232', '804', 'US'], ['Spokane', 'WA', '992', '509', 'US'], ['Boise', 'ID', '837', '208', 'US'],
  ['Albany', 'NY', '122', '518', 'US'], ['Savannah', 'GA', '314', '912', 'US'], ['Des Moines', 'IA', '503', '515', 'US'],
  ['Providence', 'RI', '029', '401', 'US'], ['Louisville', 'KY', '402', '502', 'US'], ['Tulsa', 'OK', '741', '918', 'US'],
  ['Burlington', 'VT', '054', '802', 'US'], ['Pittsburgh', 'PA', '152', '412', 'US'], ['Chicago', 'IL', '606', '312', 'US'],
  ['Minneapolis', 'MN', '554', '612', 'US'], ['Charleston', 'SC', '294', '843', 'US'], ['Albuquerque', 'NM', '871', '505', 'US'],
  ['Salt Lake City', 'UT', '841', '801', 'US'], ['Nashville', 'TN', '372', '615', 'US'], ['Baltimore', 'MD', '212', '410', 'US'],
  ['Toronto', 'ON', 'M5V', '416', 'CA'], ['Vancouver', 'BC', 'V6B', '604', 'CA'], ['Calgary', 'AB', 'T2P', '403', 'CA'],
];
export const BUSINESS_DESCRIPTIONS = [
  'Professional services', 'Parts and labor', 'Equipment rental', 'Consulting hours', 'Freight and handling',
  'Supplies order', 'Installation', 'Annual support renewal', 'Repair work order', 'Catering order',
  'Parts, labor and travel', 'Quarterly inspection', 'Custom fabrication', 'Site visit and report', 'Training session',
];
export const CONSUMER_DESCRIPTIONS = ['Service visit', 'Home repair', 'Membership fee', 'Tuition installment', 'Dental cleaning', 'Appliance repair', 'Lessons, 4 sessions'];
export const CREDIT_REASONS = ['Damaged in transit', 'Pricing correction', 'Short shipment', 'Service level credit', 'Volume discount', 'Billing error', 'Returned goods'];
export const GOODWILL_REASONS = ['Goodwill credit', 'Loyalty credit', 'Account adjustment'];
