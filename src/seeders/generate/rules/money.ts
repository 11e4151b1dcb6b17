import { pools as P } from '../pools.ts';
import type { Rng } from '../prng.ts';
import {
  INT, NUM, TEXT, base62, choice, dashSuffix, digits, ends, exact, gen, int, letters, maxLen, num, pick, pool, snake, tablePrefix, tables, type ColumnFacts, type Rule,
} from './kit.ts';

// Money: prices, amounts, salaries, currency codes, IBANs, tax rates (0–30 %), payment methods,
// transaction and invoice numbers, ledger accounts. Amounts follow the column: whole numbers in
// INTEGER columns, cents in *_cents, at most `scale` decimals in NUMERIC(p, s).

/** A price: a whole part and a typical ending (.99, .49, .00, .95). */
function price(f: ColumnFacts, min: number, max: number) {
  const base = num(f, min, max, 2);
  if (f.column.kind === 'integer' || f.column.kind === 'bigint' || (f.column.kind === 'decimal' && f.column.scale === 0)) return base;
  const ends = [0.99, 0.99, 0.49, 0, 0.95, 0.5];
  const lim = f.column.precision ? 10 ** (f.column.precision - (f.column.scale ?? 0)) - 1 : Infinity;
  const hi = Math.min(max, lim);
  base.next = (r: Rng) => Math.min(hi, r.int(Math.floor(min), Math.max(Math.floor(min), Math.floor(hi) - 1)) + pick(r, ends));
  return base;
}

/** Range of an amount column by what its name says it is. */
function amount(f: ColumnFacts) {
  const n = snake(f.column.name);
  if (/cost_per_token|per_token/.test(n)) return num(f, 0.000001, 0.0001, 6);
  if (/budget|revenue|income|grant|allocated|spent|annual|yearly|opening_balance|closing_balance|turnover/.test(n)) return num(f, 500, 50000, 2);
  if (/discount|tax|vat|tip|shipping|fine|penalty|late_fee|charge|deduction|bonus|commission|refund/.test(n)) return num(f, 1, 300, 2);
  return num(f, 5, 2500, 2);
}

/** Check digits of an IBAN (ISO 13616 mod 97). */
function ibanCheck(country: string, bban: string): string {
  const s = bban + country + '00';
  let rem = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c >= 65 ? c - 55 : c - 48;
    rem = v >= 10 ? (rem * 100 + v) % 97 : (rem * 10 + v) % 97;
  }
  return String(98 - rem).padStart(2, '0');
}

function iban(r: Rng): string {
  if (r.float() < 0.5) {
    const bban = digits(r, 8) + digits(r, 10);
    return `DE${ibanCheck('DE', bban)}${bban}`;
  }
  const bban = letters(r, 4) + digits(r, 6) + digits(r, 8);
  return `GB${ibanCheck('GB', bban)}${bban}`;
}

/** "INV-2024-00042": a prefix from the column (or table), a year and a counter-like number. */
function documentNumber(f: ColumnFacts) {
  const n = snake(f.column.name);
  const prefix = /invoice|bill/.test(n) ? 'INV' : /receipt/.test(n) ? 'RCP' : /voucher/.test(n) ? 'VCH' : /cheque|check/.test(n) ? 'CHQ'
    : /journal|entry/.test(n) ? 'JE' : /po_|purchase/.test(n) ? 'PO' : /payment/.test(n) ? 'PAY' : /transaction/.test(n) ? 'TXN' : /ref/.test(n) ? 'REF' : tablePrefix(f.table);
  const max = maxLen(f);
  return gen((r) => {
    const y = r.int(2021, 2025);
    const s = `${prefix}-${y}-${digits(r, 5)}`;
    return s.length <= max ? s : `${prefix}${digits(r, Math.max(1, Math.min(12, max - prefix.length)))}`.slice(0, max);
  }, dashSuffix);
}

const LEDGER_TABLES = /(chart_of_accounts?|ledger|general_ledger|gl_accounts?|accounts_chart|journal)/;

export const moneyRules: Rule[] = [
  // ── Table context ─────────────────────────────────────────────────────────────────────
  {
    id: 'money.expenseCategory.context',
    column: exact('name', 'category_name', 'title'),
    table: tables('expense_categor(y|ies)', 'budget_categor(y|ies)', 'expense_types?', 'cost_categor(y|ies)', 'spending_categor(y|ies)'),
    kinds: TEXT,
    make: (f) => pool(f, P.expenseCategories),
    doc: '`name` in expense/budget categories: Utilities, Salaries, Maintenance …',
    example: 'expense_categories.name VARCHAR(100)',
  },
  {
    id: 'money.feeCategory.context',
    column: exact('name', 'category_name', 'title', 'fee_name'),
    table: tables('fee_categor(y|ies)', 'fee_types?', 'fees', 'fee_structures?', 'fee_items?', 'charge_types?'),
    kinds: TEXT,
    make: (f) => pool(f, P.feeCategories),
    doc: '`name` in fee categories: Tuition Fee, Examination Fee, Library Fee …',
    example: 'fee_categories.name VARCHAR(100)',
  },
  {
    id: 'money.incomeSource.context',
    column: exact('name', 'source_name', 'title'),
    table: tables('income_sources?', 'income_categor(y|ies)', 'revenue_sources?', 'funding_sources?'),
    kinds: TEXT,
    make: (f) => pool(f, P.incomeSources),
    doc: '`name` in income sources: Tuition Fees, Donations, Government Grant …',
    example: 'income_sources.name VARCHAR(100)',
  },
  {
    id: 'money.ledgerAccount.context',
    column: exact('name', 'account_name', 'title'),
    table: LEDGER_TABLES,
    kinds: TEXT,
    make: (f) => pool(f, P.ledgerAccounts),
    doc: 'Account names in a chart of accounts / ledger: Cash, Accounts Receivable, Salaries and Wages …',
    example: 'chart_of_accounts.account_name VARCHAR(150)',
  },
  {
    id: 'money.ledgerAccountType.context',
    column: exact('account_type', 'type', 'category', 'account_class', 'account_category'),
    table: LEDGER_TABLES,
    kinds: TEXT,
    make: (f) => choice(f, ['asset', 'liability', 'equity', 'income', 'expense']),
    doc: 'Account types in a ledger: asset, liability, equity, income, expense.',
    example: 'chart_of_accounts.account_type VARCHAR(10)',
  },
  {
    id: 'money.paymentMethod.context',
    column: exact('method', 'type', 'channel', 'mode'),
    table: /(payment|transaction|refund|payout|charge|deposit|fee_payment|settlement)s?$/,
    kinds: TEXT,
    make: (f) => choice(f, P.paymentMethods),
    doc: '`method`/`type` of a payment: credit_card, cash, bank_transfer, paypal …',
    example: 'payments.method TEXT',
  },
  // ── Amounts ───────────────────────────────────────────────────────────────────────────
  {
    id: 'money.cents',
    column: /(_cents|_in_cents|_minor|_minor_units)$|^cents$/,
    kinds: INT,
    make: () => int(100, 500_000),
    doc: 'Amounts in cents (integer): 100 … 500 000.',
    example: 'orders.total_cents INTEGER',
  },
  {
    id: 'money.price',
    column: /(^|_)(price|unit_price|list_price|sale_price|retail_price|base_price|cost_price|msrp|rental_rate|hourly_rate|daily_rate|nightly_rate|weekly_rate|monthly_rate|price_per_unit|price_per_class|price_per_session|fee_per_class|replacement_cost|unit_cost|selling_price|purchase_price|original_price|discounted_price|price_usd|class_price|session_price|package_price|membership_fee|monthly_fee|annual_fee)$/,
    kinds: NUM,
    make: (f) => price(f, 1, 500),
    doc: 'Prices 1–500 with shop-like endings (24.99, 120.00, 7.49); whole numbers in integer columns.',
    example: 'products.price NUMERIC(10,2)',
  },
  {
    id: 'money.perUnit',
    column: /_(per_day|per_hour|per_week|per_month|per_session|per_class|per_unit|per_km|per_mile|per_item|per_student|per_person|per_night)$/,
    kinds: NUM,
    make: (f) => num(f, 0.5, 50, 2),
    doc: 'Unit rates (fine_per_day, cost_per_hour …): 0.50–50.',
    example: 'library_settings.fine_per_day NUMERIC(6,2)',
  },
  {
    id: 'money.salary',
    column: /(^|_)(salary|base_salary|gross_salary|net_salary|annual_salary|monthly_salary|basic_salary|wage|wages|hourly_wage|pay|gross_pay|net_pay|gross_amount|net_amount|stipend|compensation|take_home_pay|salary_amount)$/,
    kinds: NUM,
    make: (f) => (/hourly/.test(snake(f.column.name)) ? num(f, 12, 85, 2) : /annual/.test(snake(f.column.name)) ? num(f, 25000, 160000, 2) : num(f, 1500, 12000, 2)),
    doc: 'Salaries: monthly 1 500–12 000 (hourly 12–85, annual 25 000–160 000).',
    example: 'salary_payments.gross_amount NUMERIC(12,2)',
  },
  {
    id: 'money.taxRate',
    column: /(^|_)(tax_rate|vat_rate|tax_percent|tax_percentage|gst_rate|sales_tax_rate|tax_pct|vat_percent|vat_percentage|withholding_rate|income_tax_rate)$/,
    kinds: NUM,
    make: (f) => { const g = num(f, 0, 30, 2); if (f.column.kind === 'real' || f.column.kind === 'decimal') g.next = (r) => Math.round(r.float() * 60) / 2; return g; },
    doc: 'Tax rates 0–30 % in steps of 0.5.',
    example: 'invoices.tax_rate NUMERIC(5,2)',
  },
  {
    id: 'money.discountPercent',
    column: /(^|_)(discount_percent|discount_percentage|discount_rate|discount_pct|percent_off|percentage_off|markup_percent|commission_rate|commission_percent)$/,
    kinds: NUM,
    make: () => ({ ...int(0, 10), next: (r: Rng) => r.int(0, 10) * 5, domainValue: (i: number) => i * 5 }),
    doc: 'Discount/commission percentages 0–50 in steps of 5.',
    example: 'coupons.discount_percent INTEGER',
  },
  {
    id: 'money.interestRate',
    column: /(^|_)(interest_rate|apr|apy|annual_rate|depreciation_rate|growth_rate|inflation_rate|late_fee_rate)$/,
    kinds: NUM,
    make: (f) => num(f, 0.5, 25, 2),
    doc: 'Interest/depreciation rates 0.5–25 %.',
    example: 'asset_categories.depreciation_rate REAL',
  },
  {
    id: 'money.amount',
    column: /(^|_)(amount|total|subtotal|sub_total|grand_total|total_amount|total_price|total_cost|balance|cost|fee|fees|fine|fine_amount|charge|charges|paid|amount_paid|amount_due|amount_charged|due_amount|outstanding|outstanding_balance|refund|refund_amount|deposit|payment|payment_amount|price_paid|budget|allocated_amount|spent_amount|budget_amount|revenue|income|expense|expenses|spend|spending|credit|debit|debit_amount|credit_amount|value_usd|discount|discount_amount|tax|tax_amount|vat|vat_amount|shipping|shipping_cost|tip|donation|grant|award_amount|scholarship_amount|allowance|deduction|deductions|bonus|commission|penalty|late_fee|savings|potential_savings|estimated_cost|actual_cost|cost_estimate|cost_per_token|monthly_cost|annual_cost|invoice_total|order_total|opening_balance|closing_balance|petty_cash|wallet_balance|account_balance|credit_limit|turnover|profit|loss|net_total|gross_total|amount_received|amount_refunded|installment|instalment)$/,
    kinds: NUM,
    make: amount,
    doc: 'Money amounts by name: totals/costs 5–2 500, fees/taxes/discounts 1–300, budgets/revenue 500–50 000; 2 decimals (or the column scale).',
    example: 'fee_payments.amount_paid NUMERIC(10,2)',
  },
  // ── Currency and banking ──────────────────────────────────────────────────────────────
  {
    id: 'money.currency',
    column: ends('currency', 'currency_code', 'currency_iso', 'iso_currency', 'ccy', 'currency_id_code', 'billing_currency', 'default_currency', 'preferred_currency'),
    kinds: TEXT,
    make: (f) => (maxLen(f) < 3 ? choice(f, ['$', '€', '£', '¥']) : choice(f, P.commonCurrencyCodes)),
    doc: 'ISO 4217 currency codes (USD, EUR, GBP, LKR …).',
    example: 'invoices.currency CHAR(3)',
  },
  {
    id: 'money.currencyName',
    column: exact('currency_name', 'currency_label'),
    kinds: TEXT,
    make: (f) => pool(f, P.currencyNames),
    doc: 'Currency names (faker finance).',
    example: 'currencies.currency_name TEXT',
  },
  {
    id: 'money.currencySymbol',
    column: exact('currency_symbol', 'symbol_currency', 'money_symbol'),
    kinds: TEXT,
    make: (f) => choice(f, P.currencySymbols),
    doc: 'Currency symbols $, €, £ …',
    example: 'currencies.currency_symbol TEXT',
  },
  {
    id: 'money.iban',
    column: ends('iban', 'iban_number', 'iban_code'),
    kinds: TEXT,
    make: () => gen(iban),
    doc: 'IBANs with valid mod-97 check digits (DE…, GB…).',
    example: 'bank_accounts.iban TEXT',
  },
  {
    id: 'money.bic',
    column: ends('bic', 'swift', 'swift_code', 'bic_code', 'swift_bic'),
    kinds: TEXT,
    make: () => gen((r) => `${letters(r, 4)}${pick(r, ['DE', 'GB', 'US', 'FR', 'LK', 'SG'])}${letters(r, 2)}`),
    doc: 'BIC/SWIFT codes (8 characters).',
    example: 'bank_accounts.swift_code TEXT',
  },
  {
    id: 'money.accountNumber',
    column: ends('account_number', 'account_no', 'bank_account', 'bank_account_number', 'acct_number', 'account_num', 'acct_no'),
    kinds: TEXT,
    make: (f) => gen((r) => digits(r, Math.max(4, Math.min(12, maxLen(f)))), dashSuffix),
    doc: 'Bank account numbers (12 digits, fewer in short columns).',
    example: 'staff.bank_account_number TEXT',
  },
  {
    id: 'money.routing',
    column: exact('routing_number', 'sort_code', 'aba', 'aba_number', 'bsb', 'bank_code', 'branch_code', 'ifsc', 'ifsc_code', 'transit_number'),
    kinds: TEXT,
    make: (f) => (/sort/.test(snake(f.column.name)) ? gen((r) => `${digits(r, 2)}-${digits(r, 2)}-${digits(r, 2)}`) : gen((r) => digits(r, Math.min(9, maxLen(f))))),
    doc: 'Routing numbers (9 digits), sort codes ##-##-##.',
    example: 'bank_accounts.routing_number TEXT',
  },
  {
    id: 'money.ledgerCode',
    column: exact('account_code', 'ledger_code', 'gl_code', 'debit_account_code', 'credit_account_code', 'gl_account', 'nominal_code', 'account_number_gl'),
    kinds: TEXT,
    make: (f) => gen((r) => String(r.int(1000, 5999)).slice(0, maxLen(f)), dashSuffix),
    doc: 'Ledger account codes 1000–5999.',
    example: 'general_ledger.debit_account_code VARCHAR(20)',
  },
  {
    id: 'money.accountName',
    column: exact('account_name', 'ledger_name', 'gl_account_name', 'ledger_account'),
    kinds: TEXT,
    make: (f) => pool(f, P.ledgerAccounts),
    doc: 'Account names: Cash, Accounts Payable, Tuition Fees …',
    example: 'bank_transfers.account_name TEXT',
  },
  {
    id: 'money.bankAccountType',
    column: exact('account_type', 'bank_account_type'),
    kinds: TEXT,
    make: (f) => choice(f, P.bankAccountTypes),
    doc: 'Bank account types: Checking, Savings, Credit Card …',
    example: 'bank_accounts.account_type TEXT',
  },
  // ── Cards and payments ────────────────────────────────────────────────────────────────
  {
    id: 'money.cardLast4',
    column: exact('card_last4', 'last4', 'last_four', 'card_last_four', 'last_4', 'card_last_digits', 'last_four_digits', 'pan_last4'),
    kinds: [...TEXT, ...INT],
    make: (f) => (f.column.kind === 'text' ? gen((r) => digits(r, 4)) : int(1000, 9999)),
    doc: 'Last four digits of a card.',
    example: 'payment_methods.card_last4 CHAR(4)',
  },
  {
    id: 'money.cardNumber',
    column: exact('card_number', 'credit_card', 'credit_card_number', 'cc_number', 'pan', 'masked_card', 'masked_pan', 'card_no'),
    kinds: TEXT,
    make: (f) => (maxLen(f) >= 19 ? gen((r) => `**** **** **** ${digits(r, 4)}`) : gen((r) => `****${digits(r, 4)}`)),
    doc: 'Masked card numbers "**** **** **** 4242" (never a usable number).',
    example: 'payments.card_number TEXT',
  },
  {
    id: 'money.cardBrand',
    column: exact('card_brand', 'card_type', 'card_network', 'card_scheme', 'brand_card', 'card_issuer'),
    kinds: TEXT,
    make: (f) => choice(f, P.cardBrands),
    doc: 'Card brands: Visa, Mastercard, American Express …',
    example: 'payments.card_brand TEXT',
  },
  {
    id: 'money.cardExpiry',
    column: exact('card_expiry', 'expiry_month', 'exp_month', 'expiry_year', 'exp_year', 'card_exp', 'card_exp_month', 'card_exp_year', 'expiration_month', 'expiration_year'),
    kinds: [...TEXT, ...INT],
    make: (f) => {
      const n = snake(f.column.name);
      if (f.column.kind !== 'text') return /month/.test(n) ? int(1, 12) : int(2026, 2031);
      return gen((r) => `${String(r.int(1, 12)).padStart(2, '0')}/${r.int(26, 31)}`);
    },
    doc: 'Card expiry: month 1–12, year 2026–2031, or "MM/YY".',
    example: 'payment_methods.exp_month INTEGER',
  },
  {
    id: 'money.paymentMethod',
    column: ends('payment_method', 'payment_type', 'payment_mode', 'method_of_payment', 'pay_method', 'refund_method', 'payment_channel', 'payment_option', 'tender_type'),
    kinds: TEXT,
    make: (f) => choice(f, P.paymentMethods),
    doc: 'Payment methods: credit_card, debit_card, cash, bank_transfer, paypal …',
    example: 'fee_payments.payment_method VARCHAR(15)',
  },
  {
    id: 'money.transactionType',
    column: exact('transaction_type', 'txn_type', 'entry_type', 'ledger_entry_type', 'posting_type', 'dr_cr'),
    kinds: TEXT,
    make: (f) => choice(f, P.transactionTypes),
    doc: 'Transaction types: deposit, withdrawal, payment, refund, transfer …',
    example: 'petty_cash_transactions.transaction_type VARCHAR(10)',
  },
  {
    id: 'money.transactionId',
    column: /(^|_)(transaction_id|txn_id|transaction_ref|transaction_reference|payment_reference|payment_intent|payment_intent_id|charge_id|stripe_id|stripe_payment_id|stripe_charge_id|paypal_id|paypal_transaction_id|external_transaction_id|gateway_reference|gateway_transaction_id|processor_id|refund_id|payment_id|external_payment_id|provider_transaction_id|checkout_session_id)$/,
    kinds: TEXT,
    make: (f) => {
      const n = snake(f.column.name);
      const p = /intent/.test(n) ? 'pi_' : /charge/.test(n) ? 'ch_' : /refund/.test(n) ? 're_' : /paypal/.test(n) ? 'PAYID-' : /checkout/.test(n) ? 'cs_' : 'txn_';
      const len = Math.max(4, Math.min(24, maxLen(f) - p.length));
      return gen((r) => p + base62(r, len));
    },
    doc: 'Payment provider ids: pi_…, ch_…, re_…, txn_… (Stripe/PayPal shaped).',
    example: 'payments.transaction_id TEXT',
  },
  {
    id: 'money.documentNumber',
    column: /(^|_)(invoice_number|invoice_no|invoice_num|invoice_ref|bill_number|bill_no|receipt_number|receipt_no|voucher_number|voucher_no|cheque_number|cheque_no|check_number|payment_number|transaction_number|entry_number|journal_number|journal_entry_number|reference_number|ref_number|reference_no|ref_no|po_number|purchase_order_number|credit_note_number|quote_number|estimate_number)$/,
    kinds: TEXT,
    make: documentNumber,
    doc: 'Document numbers "INV-2024-00042", "RCP-2023-10573", "JE-2025-00311" (prefix from the column).',
    example: 'fee_payments.receipt_number VARCHAR(30)',
  },
  {
    id: 'money.billingCycle',
    column: exact('billing_cycle', 'billing_period', 'billing_frequency', 'payment_frequency', 'pay_frequency', 'renewal_period', 'subscription_period', 'billing_interval', 'payment_schedule', 'pay_period'),
    kinds: TEXT,
    make: (f) => choice(f, P.billingCycles),
    doc: 'Billing cycles: monthly, quarterly, yearly, weekly, one_time.',
    example: 'subscriptions.billing_cycle VARCHAR(20)',
  },
  {
    id: 'money.subscriptionTier',
    column: exact('subscription_tier', 'billing_tier', 'tier', 'plan', 'plan_type', 'plan_tier', 'subscription_plan', 'subscription_type', 'membership_type', 'membership_level', 'membership_tier', 'pricing_tier', 'service_tier', 'account_tier', 'license_type', 'plan_level'),
    kinds: TEXT,
    make: (f) => choice(f, P.subscriptionTiers),
    doc: 'Plans/tiers: free, basic, standard, premium, enterprise.',
    example: 'users.subscription_tier VARCHAR(20)',
  },
  {
    id: 'money.expenseCategory',
    column: exact('expense_category', 'expense_type', 'budget_category', 'cost_category', 'spending_category', 'expense_head'),
    kinds: TEXT,
    make: (f) => pool(f, P.expenseCategories),
    doc: 'Expense categories.',
    example: 'expenses.expense_category TEXT',
  },
  {
    id: 'money.feeType',
    column: exact('fee_type', 'fee_name', 'fee_category', 'charge_type', 'charge_name'),
    kinds: TEXT,
    make: (f) => pool(f, P.feeCategories),
    doc: 'Fee types: Tuition Fee, Sports Fee …',
    example: 'student_fees.fee_type TEXT',
  },
  {
    id: 'money.incomeSource',
    column: exact('income_source', 'source_of_income', 'funding_source', 'revenue_source', 'source_of_funds'),
    kinds: TEXT,
    make: (f) => pool(f, P.incomeSources),
    doc: 'Income sources: Donations, Government Grant …',
    example: 'income_transactions.income_source TEXT',
  },
  {
    id: 'money.paymentTerms',
    column: exact('terms', 'payment_terms', 'terms_of_payment', 'invoice_terms', 'credit_terms'),
    kinds: TEXT,
    make: (f) => choice(f, ['Net 30', 'Net 15', 'Net 60', 'Due on receipt', 'Prepaid']),
    doc: 'Payment terms: Net 30, Due on receipt …',
    example: 'gpt_subscription_invoices.terms TEXT',
  },
  {
    id: 'money.credits',
    column: exact('credits', 'credits_remaining', 'remaining_credits', 'credit_balance', 'class_credits', 'credits_total', 'credits_used', 'sessions_remaining', 'classes_remaining', 'total_credits'),
    kinds: NUM,
    make: () => int(0, 20),
    doc: 'Class/package credits 0–20 (booking app).',
    example: 'user_packages.credits_remaining INTEGER',
  },
];
