import { pools as P } from '../pools.ts';
import type { Rng } from '../prng.ts';
import {
  FRACTION, INT, NUM, TEXT, alnum, cap, choice, dashSuffix, digits, ends, exact, fitted, gen, geometricInt, int, letters, maxLen, num, pick, plainSuffix, pool, skewInt, snake, tables, type ColumnFacts, type Rule,
} from './kit.ts';
import { productName } from './text.ts';

// Commerce: products, categories, SKUs, barcodes, serial numbers, quantities, capacities,
// order and booking numbers, coupons, sizes, colours, brands, vehicles, units of measure.

const PRODUCT_TABLES = tables('products?', 'items?', 'inventory_items?', 'inventory', 'catalog_items?', 'catalogue_items?', 'goods', 'merchandise', 'uniform_items?', 'order_items?', 'line_items?', 'skus?', 'product_variants?', 'stock_items?', 'supplies', 'assets?', 'listings?');
const ASSET_TABLES = tables('assets?', 'equipment', 'equipments', 'inventory', 'inventory_items?', 'devices?', 'vehicles?', 'items?', 'facilities', 'facility', 'resources?', 'uniform_items?', 'rooms?', 'tools?', 'instruments?');

/** A valid EAN-13 (or UPC-A with 12 digits): random digits plus the GS1 check digit. */
function ean(r: Rng, n: 12 | 13): string {
  const body = digits(r, n - 1);
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += (body.charCodeAt(i) - 48) * ((body.length - i) % 2 === 1 ? 3 : 1);
  return body + ((10 - (sum % 10)) % 10);
}

function sku(f: ColumnFacts) {
  const max = maxLen(f);
  return gen((r) => {
    const s = `${pick(r, P.productNouns).slice(0, 3).toUpperCase()}-${digits(r, 5)}`;
    return s.length <= max ? s : alnum(r, Math.max(1, max));
  }, dashSuffix);
}

function orderNumber(f: ColumnFacts) {
  const n = snake(f.column.name);
  const max = maxLen(f);
  if (/tracking|shipment/.test(n)) return gen((r) => `1Z${alnum(r, 16)}`.slice(0, max), plainSuffix);
  const p = /booking|reservation/.test(n) ? 'BK' : /confirm/.test(n) ? 'CNF' : /ticket/.test(n) ? 'TCK' : /case/.test(n) ? 'CASE' : 'ORD';
  return gen((r) => { const s = `${p}-${alnum(r, 8)}`; return s.length <= max ? s : alnum(r, Math.max(1, max)); }, dashSuffix);
}

function couponCode(f: ColumnFacts) {
  const n = snake(f.column.name);
  const max = maxLen(f);
  if (/coupon|promo|discount|voucher|gift/.test(n)) return gen((r) => { const s = `${pick(r, P.couponWords)}${r.int(1, 9) * 5}`; return s.length <= max ? s : alnum(r, Math.max(1, max)); }, plainSuffix);
  return gen((r) => alnum(r, Math.max(1, Math.min(8, max))), plainSuffix);
}

export const commerceRules: Rule[] = [
  // ── Table context ─────────────────────────────────────────────────────────────────────
  {
    id: 'commerce.product.context',
    column: exact('name', 'title', 'product_name', 'item_name', 'display_name', 'label', 'item_title'),
    table: PRODUCT_TABLES,
    kinds: TEXT,
    make: fitted(productName),
    doc: '`name` in a products/items/inventory table: "Ergonomic Granite Chair" (faker commerce).',
    example: 'products.name TEXT',
  },
  {
    id: 'commerce.productDescription.context',
    column: exact('description', 'product_description', 'item_description', 'details', 'short_description'),
    table: PRODUCT_TABLES,
    kinds: TEXT,
    make: fitted((r) => `${cap(pick(r, P.productAdjectives))} ${pick(r, P.productNouns).toLowerCase()} made from ${pick(r, P.productMaterials).toLowerCase()}. ${pick(r, ['Built to last.', 'Great for everyday use.', 'Available in several colours.', 'Easy to clean.', 'Ships within two days.', 'Backed by a one-year warranty.'])}`),
    doc: 'Descriptions of products: "Sleek chair made from bamboo. Easy to clean."',
    example: 'products.description TEXT',
  },
  {
    id: 'commerce.assetCategory.context',
    column: exact('name', 'category_name', 'title'),
    table: tables('asset_categor(y|ies)', 'equipment_categor(y|ies)', 'inventory_categor(y|ies)', 'asset_types?', 'equipment_types?'),
    kinds: TEXT,
    make: (f) => pool(f, P.assetCategories),
    doc: '`name` in asset/equipment categories: Furniture, Computers, Sports Equipment …',
    example: 'asset_categories.name VARCHAR(100)',
  },
  {
    id: 'commerce.category.context',
    column: exact('name', 'category_name', 'title', 'label', 'display_name'),
    table: tables('categor(y|ies)', 'product_categor(y|ies)', 'item_categor(y|ies)', 'tags?', 'topics?', 'collections?', 'sections_catalog'),
    kinds: TEXT,
    make: (f) => pool(f, P.categoryLabels),
    doc: '`name` in a categories/tags table: category labels (General, Events, Fitness, Technology …).',
    example: 'categories.name TEXT',
  },
  {
    id: 'commerce.weight.context',
    column: exact('weight', 'weight_kg', 'shipping_weight', 'net_weight', 'gross_weight'),
    table: PRODUCT_TABLES,
    kinds: NUM,
    make: (f) => num(f, 0.1, 25, 2),
    doc: 'Weight of a product: 0.1–25 kg.',
    example: 'products.weight REAL',
  },
  {
    id: 'commerce.colorName.context',
    column: exact('color', 'colour', 'color_name', 'colour_name', 'finish'),
    table: /(product|item|uniform|vehicle|car|variant|inventory|merchandise|clothing|apparel|shoe|asset|equipment)/,
    kinds: TEXT,
    make: (f) => choice(f, P.colorNames),
    doc: '`color` of a product, uniform, vehicle: a colour name (blue, maroon, …).',
    example: 'uniform_items.color TEXT',
  },
  {
    id: 'commerce.vehicleMake.context',
    column: exact('make', 'manufacturer', 'brand', 'vehicle_make', 'car_make'),
    table: /(vehicle|car|bus|buses|fleet|truck|transport)/,
    kinds: TEXT,
    make: (f) => pool(f, P.vehicleManufacturers),
    doc: 'Vehicle makes: Toyota, BMW, Ford …',
    example: 'vehicles.make TEXT',
  },
  {
    id: 'commerce.vehicleModel.context',
    column: exact('model', 'vehicle_model', 'car_model', 'model_name'),
    table: /(vehicle|car|bus|buses|fleet|truck|transport)/,
    kinds: TEXT,
    make: (f) => pool(f, P.vehicleModels),
    doc: 'Vehicle models: Corolla, Model S, A4 …',
    example: 'vehicles.model TEXT',
  },
  // ── Columns ───────────────────────────────────────────────────────────────────────────
  {
    id: 'commerce.product',
    column: exact('product', 'product_name', 'product_title', 'item', 'item_name', 'item_title', 'article_name', 'goods_name', 'merchandise', 'asset_name', 'equipment_item'),
    kinds: TEXT,
    make: fitted(productName),
    doc: 'Product names "Handcrafted Cotton Keyboard".',
    example: 'wishlists.product_name TEXT',
  },
  {
    id: 'commerce.category',
    column: exact('category', 'category_name', 'product_category', 'item_category', 'main_category', 'sub_category', 'subcategory', 'category_label', 'topic_category', 'goal_category', 'path_category', 'content_category', 'genre_category', 'group_name', 'collection'),
    kinds: TEXT,
    make: (f) => pool(f, P.categoryLabels),
    doc: 'Category labels (General, News, Health, Fitness, Technology …).',
    example: 'resources.category VARCHAR(50)',
  },
  {
    id: 'commerce.department',
    column: exact('product_department', 'store_department', 'shop_department', 'aisle'),
    kinds: TEXT,
    make: (f) => pool(f, P.departments),
    doc: 'Shop departments (Books, Electronics, Garden …).',
    example: 'products.store_department TEXT',
  },
  {
    id: 'commerce.sku',
    column: ends('sku', 'sku_code', 'product_code', 'item_code', 'article_number', 'part_number', 'part_no', 'model_number', 'catalog_number', 'catalogue_number', 'stock_code', 'style_code'),
    kinds: TEXT,
    make: sku,
    doc: 'SKUs "CHA-10423".',
    example: 'products.sku VARCHAR(20)',
  },
  {
    id: 'commerce.barcode',
    column: ends('barcode', 'bar_code', 'ean', 'ean13', 'ean_13', 'upc', 'upc_code', 'gtin', 'gtin13', 'gtin_13'),
    kinds: TEXT,
    make: (f) => (/upc/.test(snake(f.column.name)) || maxLen(f) === 12 ? gen((r) => ean(r, 12)) : gen((r) => ean(r, 13))),
    doc: 'Barcodes: EAN-13 (UPC-A 12) with a valid check digit.',
    example: 'library_books.barcode TEXT',
  },
  {
    id: 'commerce.serial',
    column: ends('serial', 'serial_number', 'serial_no', 'asset_tag', 'asset_number', 'asset_code', 'tag_number', 'imei', 'vin', 'license_plate', 'registration_plate', 'plate_number', 'number_plate', 'equipment_id_code'),
    kinds: TEXT,
    make: (f) => {
      const n = snake(f.column.name);
      const max = maxLen(f);
      if (/imei/.test(n)) return gen((r) => digits(r, 15).slice(0, max), dashSuffix);
      if (/vin/.test(n)) return gen((r) => alnum(r, Math.min(17, max)), dashSuffix);
      if (/plate/.test(n)) return gen((r) => `${letters(r, 3)}-${digits(r, 4)}`.slice(0, max), dashSuffix);
      return gen((r) => { const s = `SN-${alnum(r, 10)}`; return s.length <= max ? s : alnum(r, Math.max(1, max)); }, dashSuffix);
    },
    doc: 'Serial numbers "SN-4KD9QX2M7A", asset tags, VINs, IMEIs, plates.',
    example: 'inventory_items.serial_number TEXT',
  },
  {
    id: 'commerce.quantity',
    column: /(^|_)(quantity|qty|units|unit_count|stock|stock_level|stock_quantity|in_stock|on_hand|quantity_on_hand|copies|total_copies|available_copies|num_items|item_count|items_count|pieces|pack_size|quantity_used|quantity_ordered|quantity_received|quantity_issued|reorder_level|reorder_point|min_stock|max_stock|stock_count|inventory_count|servings_count)$|^quantity_/,
    kinds: NUM,
    make: (f) => {
      const n = snake(f.column.name);
      if (/stock|copies|on_hand|reorder|inventory/.test(n)) return int(0, 200);
      // What one order line or cart item asks for: one in three rows of four, rarely more than five.
      return /^(quantity|qty|quantity_ordered|quantity_purchased|quantity_sold|ordered_quantity)$/.test(n) ? geometricInt(1, 50, 0.25) : skewInt(1, 50);
    },
    doc: 'Quantities of a line (quantity, qty): 1 in about three rows of four, then 2, 3 …, rarely over 5; other quantities 1–50, mostly small (stock and copies 0–200).',
    example: 'InvoiceLine.Quantity INTEGER',
  },
  {
    id: 'commerce.capacity',
    column: /(^|_)(capacity|max_capacity|max_participants|max_members|max_students|max_attendees|max_enrollment|seats|seat_count|total_seats|available_seats|spots|spots_available|class_size|group_size|max_class_size|min_participants|slots|available_slots|max_group_size|team_size|occupancy|max_occupancy|waitlist_size|max_bookings)$/,
    kinds: NUM,
    make: () => int(5, 60),
    doc: 'Capacities and class sizes 5–60.',
    example: 'classes.max_capacity INTEGER',
  },
  {
    id: 'commerce.orderNumber',
    column: /(^|_)(order_number|order_no|order_ref|order_reference|order_code|booking_reference|booking_ref|booking_number|booking_code|confirmation_code|confirmation_number|reservation_code|reservation_number|ticket_number|ticket_no|tracking_number|tracking_code|shipment_number|case_number|ticket_code|rma_number)$/,
    kinds: TEXT,
    make: orderNumber,
    doc: 'Order/booking/ticket numbers "ORD-7KQ2M9XA", "BK-…", tracking "1Z…".',
    example: 'bookings.booking_reference TEXT',
  },
  {
    id: 'commerce.code',
    column: ends('coupon', 'coupon_code', 'promo_code', 'promo', 'discount_code', 'voucher_code', 'gift_code', 'gift_card_code', 'referral_code', 'invite_code', 'invitation_code', 'join_code', 'access_code', 'redeem_code', 'redemption_code', 'activation_code', 'enrollment_code', 'class_join_code'),
    kinds: TEXT,
    make: couponCode,
    doc: 'Coupon codes "SPRING20"; join/invite/referral codes "7KQ2M9XA" (chat seed join_code).',
    example: 'channels.join_code TEXT',
  },
  {
    id: 'commerce.size',
    column: exact('size', 'clothing_size', 'shirt_size', 'uniform_size', 't_shirt_size', 'tshirt_size', 'jersey_size', 'garment_size', 'size_label'),
    kinds: TEXT,
    make: (f) => choice(f, P.productSizes),
    doc: 'Clothing sizes XS–XXL.',
    example: 'uniform_items.size VARCHAR(4)',
  },
  {
    id: 'commerce.shoeSize',
    column: exact('shoe_size', 'foot_size'),
    kinds: [...TEXT, ...NUM],
    make: (f) => (f.column.kind === 'text' ? choice(f, ['5', '6', '7', '8', '9', '10', '11', '12']) : num(f, 4, 13, 0)),
    doc: 'Shoe sizes 4–13.',
    example: 'athletes.shoe_size TEXT',
  },
  {
    id: 'commerce.material',
    column: exact('material', 'materials', 'fabric', 'material_type', 'composition'),
    kinds: TEXT,
    make: (f) => choice(f, P.productMaterials),
    doc: 'Materials: Cotton, Steel, Bamboo …',
    example: 'products.material TEXT',
  },
  {
    id: 'commerce.brand',
    column: exact('brand', 'brand_name', 'make', 'manufacturer_brand', 'label_brand', 'vendor_brand'),
    kinds: TEXT,
    make: (f) => pool(f, P.brands),
    doc: 'Brand names (Acme, Northwind, Contoso …).',
    example: 'products.brand TEXT',
  },
  {
    id: 'commerce.vehicleType',
    column: exact('vehicle_type', 'car_type', 'body_type', 'vehicle_class'),
    kinds: TEXT,
    make: (f) => choice(f, P.vehicleTypes),
    doc: 'Vehicle types: Sedan, SUV, Minivan …',
    example: 'vehicles.vehicle_type TEXT',
  },
  {
    id: 'commerce.fuelType',
    column: exact('fuel', 'fuel_type', 'energy_source', 'powertrain'),
    kinds: TEXT,
    make: (f) => choice(f, P.fuelTypes),
    doc: 'Fuel types: Gasoline, Diesel, Electric, Hybrid.',
    example: 'vehicles.fuel_type TEXT',
  },
  {
    id: 'commerce.shippingMethod',
    column: exact('shipping_method', 'delivery_method', 'shipping_type', 'delivery_type', 'shipping_option', 'fulfillment_method', 'fulfilment_method', 'shipping_speed'),
    kinds: TEXT,
    make: (f) => choice(f, P.shippingMethods),
    doc: 'standard, express, overnight, pickup, economy.',
    example: 'orders.shipping_method TEXT',
  },
  {
    id: 'commerce.unit',
    column: /(^|_)(unit|uom|unit_of_measure|units_of_measure|measurement_unit|metric_unit|unit_type|unit_name|weight_unit|distance_unit|unit_label|unit_symbol)$/,
    kinds: TEXT,
    make: (f) => choice(f, P.units),
    doc: 'Units of measure: kg, cm, min, reps, bpm, kcal, % …',
    example: 'health_metrics.unit VARCHAR(20)',
  },
  {
    id: 'commerce.condition',
    column: exact('condition', 'item_condition', 'equipment_condition', 'asset_condition', 'surface_condition', 'physical_condition', 'state_condition', 'condition_status'),
    kinds: TEXT,
    make: (f) => choice(f, ['new', 'excellent', 'good', 'fair', 'poor', 'damaged']),
    doc: 'Condition of things: new, excellent, good, fair, poor, damaged.',
    example: 'inventory_items.condition TEXT',
  },
  {
    id: 'commerce.dimensions',
    column: exact('dimensions', 'package_dimensions', 'size_dimensions', 'measurements'),
    kinds: TEXT,
    make: fitted((r) => `${r.int(5, 120)} x ${r.int(5, 80)} x ${r.int(1, 60)} cm`),
    doc: 'Dimensions "30 x 20 x 10 cm".',
    example: 'products.dimensions TEXT',
  },
  {
    id: 'commerce.assetValue',
    column: exact('purchase_value', 'current_value_money', 'book_value', 'residual_value', 'salvage_value', 'market_value', 'resale_value'),
    kinds: [...FRACTION, ...INT],
    make: (f) => num(f, 50, 25000, 2),
    doc: 'Asset values 50–25 000.',
    example: 'inventory_items.purchase_value NUMERIC(12,2)',
  },
  {
    id: 'commerce.warrantyMonths',
    column: exact('warranty_months', 'warranty_period', 'warranty', 'useful_life_years', 'shelf_life_days', 'lifespan_years'),
    kinds: INT,
    make: (f) => (/days/.test(snake(f.column.name)) ? int(7, 730) : /years/.test(snake(f.column.name)) ? int(1, 15) : int(6, 36)),
    doc: 'Warranty months 6–36, useful life years 1–15, shelf life days 7–730.',
    example: 'products.warranty_months INTEGER',
  },
  {
    id: 'commerce.assetStatus.context',
    column: exact('status', 'asset_status', 'item_status'),
    table: ASSET_TABLES,
    kinds: TEXT,
    make: (f) => choice(f, ['available', 'in_use', 'maintenance', 'retired', 'lost']),
    doc: '`status` of an asset/equipment/inventory item: available, in_use, maintenance, retired, lost.',
    example: 'inventory_items.status VARCHAR(15)',
  },
];
