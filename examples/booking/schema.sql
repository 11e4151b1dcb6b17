-- Example: booking (seed 004). A Pilates studio: users with roles, class packages and their
-- two-step approval, weekly class templates and their dated instances, bookings, waitlists,
-- payments and friendships. SQLite dialect.
-- The seed's scenarios (light / medium / heavy) and its data patterns live in seedbed.config.ts;
-- test/example-booking.test.ts seeds each scenario and checks the sizes and rules with SQL.

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('ADMIN', 'INSTRUCTOR', 'STUDENT')),
  email TEXT NOT NULL UNIQUE,
  full_name TEXT NOT NULL,
  phone TEXT,
  is_active BOOLEAN NOT NULL DEFAULT 1,
  created_at DATETIME NOT NULL
);

CREATE TABLE packages (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  description TEXT,
  credits INTEGER NOT NULL CHECK (credits > 0),
  price NUMERIC(8, 2) NOT NULL CHECK (price >= 0),
  validity_days INTEGER NOT NULL CHECK (validity_days > 0),
  is_active BOOLEAN NOT NULL DEFAULT 1,
  created_at DATETIME NOT NULL
);

-- A purchased package. Two-step approval: an admin authorizes the credits, then confirms the
-- payment. EXPIRED keeps whatever payment state it reached.
CREATE TABLE user_packages (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  package_id INTEGER NOT NULL REFERENCES packages (id),
  approval_status TEXT NOT NULL CHECK (approval_status IN ('PENDING_APPROVAL', 'AUTHORIZED', 'PAYMENT_CONFIRMED', 'REJECTED', 'EXPIRED')),
  payment_status TEXT NOT NULL CHECK (payment_status IN ('PENDING', 'AUTHORIZED', 'PAYMENT_CONFIRMED', 'REJECTED')),
  credits_remaining INTEGER NOT NULL CHECK (credits_remaining >= 0),
  purchased_at DATETIME NOT NULL,
  expires_at DATETIME NOT NULL,
  approved_by INTEGER REFERENCES users (id),
  CHECK (approval_status = 'EXPIRED'
         OR (approval_status = 'PENDING_APPROVAL' AND payment_status = 'PENDING')
         OR approval_status = payment_status),
  CHECK (expires_at > purchased_at)
);

CREATE TABLE class_templates (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT,
  instructor_id INTEGER NOT NULL REFERENCES users (id),
  day_of_week INTEGER NOT NULL CHECK (day_of_week BETWEEN 0 AND 6),   -- 0 = Monday
  start_time TEXT NOT NULL,                                             -- 'HH:MM'
  duration_minutes INTEGER NOT NULL CHECK (duration_minutes IN (45, 50, 55, 60)),
  capacity INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 30),
  level TEXT NOT NULL CHECK (level IN ('BEGINNER', 'INTERMEDIATE', 'ADVANCED', 'ALL_LEVELS')),
  is_active BOOLEAN NOT NULL DEFAULT 1
);

CREATE TABLE class_instances (
  id INTEGER PRIMARY KEY,
  template_id INTEGER NOT NULL REFERENCES class_templates (id),
  instructor_id INTEGER NOT NULL REFERENCES users (id),
  starts_at DATETIME NOT NULL,
  ends_at DATETIME NOT NULL,
  capacity INTEGER NOT NULL CHECK (capacity > 0),
  status TEXT NOT NULL CHECK (status IN ('SCHEDULED', 'FULL', 'COMPLETED', 'CANCELLED')),
  UNIQUE (template_id, starts_at),
  CHECK (ends_at > starts_at)
);

CREATE TABLE bookings (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  class_instance_id INTEGER NOT NULL REFERENCES class_instances (id),
  user_package_id INTEGER REFERENCES user_packages (id),                -- the credits used
  status TEXT NOT NULL CHECK (status IN ('CONFIRMED', 'CANCELLED', 'COMPLETED', 'NO_SHOW')),
  booked_at DATETIME NOT NULL,
  cancelled_at DATETIME,
  UNIQUE (user_id, class_instance_id),
  CHECK ((status = 'CANCELLED') = (cancelled_at IS NOT NULL))
);

CREATE TABLE waitlist_entries (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  class_instance_id INTEGER NOT NULL REFERENCES class_instances (id),
  position INTEGER NOT NULL CHECK (position > 0),
  created_at DATETIME NOT NULL,
  UNIQUE (class_instance_id, user_id),
  UNIQUE (class_instance_id, position)
);

CREATE TABLE payments (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  user_package_id INTEGER NOT NULL REFERENCES user_packages (id),
  amount NUMERIC(8, 2) NOT NULL CHECK (amount >= 0),
  method TEXT NOT NULL CHECK (method IN ('CREDIT_CARD', 'CASH', 'BANK_TRANSFER', 'PAYPAL')),
  status TEXT NOT NULL CHECK (status IN ('COMPLETED', 'PENDING', 'FAILED', 'REFUNDED')),
  external_transaction_id TEXT UNIQUE,                                   -- Stripe / PayPal id
  paid_at DATETIME NOT NULL,
  refunded_at DATETIME,
  refund_amount NUMERIC(8, 2),
  CHECK ((status = 'REFUNDED') = (refunded_at IS NOT NULL)),
  CHECK ((refunded_at IS NULL) = (refund_amount IS NULL)),
  CHECK (refund_amount IS NULL OR refund_amount <= amount)
);

CREATE TABLE friendships (
  id INTEGER PRIMARY KEY,
  requester_id INTEGER NOT NULL REFERENCES users (id),
  addressee_id INTEGER NOT NULL REFERENCES users (id),
  status TEXT NOT NULL CHECK (status IN ('PENDING', 'ACCEPTED', 'BLOCKED')),
  created_at DATETIME NOT NULL,
  UNIQUE (requester_id, addressee_id),
  CHECK (requester_id <> addressee_id)
);
