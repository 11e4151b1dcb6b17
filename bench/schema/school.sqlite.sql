-- Benchmark schema: 12 tables of a school, modelled on examples/school/schema.sql (SQLite dialect).
-- Composite keys on purpose: terms (year, term_number), classes (year, grade, section),
-- student_guardians (composite PRIMARY KEY), student_marks (exam, student, subject),
-- attendance (student, date). CHECKs on ranges, enumerations and date order; FKs everywhere.

CREATE TABLE academic_years (
    id INTEGER PRIMARY KEY,
    year_label VARCHAR(20) NOT NULL UNIQUE,
    start_date DATE NOT NULL,
    end_date DATE NOT NULL,
    is_current BOOLEAN NOT NULL DEFAULT 0 CHECK (is_current IN (0, 1)),
    CHECK (end_date > start_date)
);

CREATE TABLE grade_levels (
    id INTEGER PRIMARY KEY,
    grade_number INTEGER NOT NULL UNIQUE CHECK (grade_number BETWEEN 1 AND 13),
    grade_name VARCHAR(30) NOT NULL UNIQUE,
    education_level VARCHAR(20) NOT NULL CHECK (education_level IN ('primary', 'junior_secondary', 'senior_secondary', 'collegiate'))
);

CREATE TABLE subjects (
    id INTEGER PRIMARY KEY,
    code VARCHAR(20) NOT NULL UNIQUE,
    name VARCHAR(100) NOT NULL,
    category VARCHAR(20) NOT NULL CHECK (category IN ('core', 'basket_1', 'basket_2', 'basket_3', 'al_subject', 'optional')),
    periods_per_week INTEGER NOT NULL DEFAULT 5 CHECK (periods_per_week BETWEEN 1 AND 10)
);

CREATE TABLE staff (
    id INTEGER PRIMARY KEY,
    employee_id VARCHAR(20) NOT NULL UNIQUE,
    first_name VARCHAR(60) NOT NULL,
    last_name VARCHAR(60) NOT NULL,
    email VARCHAR(255) NOT NULL UNIQUE,
    phone VARCHAR(20) NOT NULL CHECK (length(phone) >= 7),
    gender VARCHAR(10) NOT NULL CHECK (gender IN ('male', 'female', 'other')),
    dob DATE NOT NULL,
    date_of_joining DATE NOT NULL,
    staff_type VARCHAR(20) NOT NULL CHECK (staff_type IN ('teacher', 'principal', 'clerk', 'librarian', 'counsellor')),
    CHECK (date_of_joining > dob)
);

CREATE TABLE terms (
    id INTEGER PRIMARY KEY,
    academic_year_id INTEGER NOT NULL REFERENCES academic_years(id),
    term_number INTEGER NOT NULL CHECK (term_number BETWEEN 1 AND 3),
    name VARCHAR(30) NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE NOT NULL,
    UNIQUE (academic_year_id, term_number),
    CHECK (end_date > start_date)
);

CREATE TABLE classes (
    id INTEGER PRIMARY KEY,
    academic_year_id INTEGER NOT NULL REFERENCES academic_years(id),
    grade_level_id INTEGER NOT NULL REFERENCES grade_levels(id),
    section VARCHAR(5) NOT NULL,
    class_teacher_id INTEGER REFERENCES staff(id),
    medium VARCHAR(10) NOT NULL DEFAULT 'sinhala' CHECK (medium IN ('sinhala', 'tamil', 'english')),
    room_number VARCHAR(10),
    max_capacity INTEGER NOT NULL DEFAULT 40 CHECK (max_capacity BETWEEN 10 AND 60),
    UNIQUE (academic_year_id, grade_level_id, section)
);

CREATE TABLE students (
    id INTEGER PRIMARY KEY,
    admission_number VARCHAR(20) NOT NULL UNIQUE,
    first_name VARCHAR(60) NOT NULL,
    last_name VARCHAR(60) NOT NULL,
    dob DATE NOT NULL,
    gender VARCHAR(10) NOT NULL CHECK (gender IN ('male', 'female', 'other')),
    email VARCHAR(255) UNIQUE,
    phone VARCHAR(20),
    address TEXT NOT NULL,
    status VARCHAR(12) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'transferred', 'graduated', 'withdrawn', 'suspended')),
    admission_date DATE NOT NULL,
    CHECK (admission_date > dob)
);

CREATE TABLE guardians (
    id INTEGER PRIMARY KEY,
    first_name VARCHAR(60) NOT NULL,
    last_name VARCHAR(60) NOT NULL,
    email VARCHAR(255) NOT NULL UNIQUE,
    phone VARCHAR(20) NOT NULL CHECK (length(phone) >= 7),
    occupation VARCHAR(100),
    address TEXT
);

CREATE TABLE student_guardians (
    student_id INTEGER NOT NULL REFERENCES students(id),
    guardian_id INTEGER NOT NULL REFERENCES guardians(id),
    relationship VARCHAR(20) NOT NULL CHECK (relationship IN ('father', 'mother', 'guardian', 'grandparent', 'sibling', 'other')),
    is_primary BOOLEAN NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
    PRIMARY KEY (student_id, guardian_id)
);

CREATE TABLE exams (
    id INTEGER PRIMARY KEY,
    term_id INTEGER NOT NULL REFERENCES terms(id),
    name VARCHAR(150) NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE NOT NULL,
    status VARCHAR(20) NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'ongoing', 'completed', 'results_published', 'cancelled')),
    CHECK (end_date >= start_date)
);

CREATE TABLE student_marks (
    id INTEGER PRIMARY KEY,
    exam_id INTEGER NOT NULL REFERENCES exams(id),
    student_id INTEGER NOT NULL REFERENCES students(id),
    subject_id INTEGER NOT NULL REFERENCES subjects(id),
    marks INTEGER NOT NULL CHECK (marks BETWEEN 0 AND 100),
    grade VARCHAR(2) NOT NULL CHECK (grade IN ('A', 'B', 'C', 'S', 'W')),
    remarks TEXT,
    UNIQUE (exam_id, student_id, subject_id)
);

CREATE INDEX idx_student_marks_student ON student_marks (student_id);

CREATE TABLE attendance (
    id INTEGER PRIMARY KEY,
    student_id INTEGER NOT NULL REFERENCES students(id),
    date DATE NOT NULL,
    status VARCHAR(10) NOT NULL CHECK (status IN ('present', 'absent', 'late', 'excused', 'half_day')),
    remarks TEXT,
    UNIQUE (student_id, date)
);
