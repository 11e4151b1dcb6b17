-- Seedbed demo schema: "school" (SQLite dialect)
--
-- Source seed document: /work/shared/seeds/000_af54cff00e2f9bee.txt
--   "Advanced Database Seeding Implementation Plan" for a Rust/Diesel
--   school-management system (Sri Lankan school: O/L and A/L exams,
--   z-scores, streams, terms). Table names are exactly the 126 tables listed
--   there under "Documented list of all tables from backend/src/schema.rs";
--   every foreign key listed under "Extracted foreign key constraints" is
--   declared below. Column definitions are a realistic reconstruction (the
--   seed document does not list columns).
--
-- Plus __diesel_schema_migrations (Diesel bookkeeping, 127th table).
--
-- Conventions: dates are TEXT 'YYYY-MM-DD' (declared DATE), times of day are
-- TEXT 'HH:MM', booleans are 0/1. users, profiles, sessions, conversations and
-- audit_log use TEXT uuid primary keys; everything referencing them is TEXT.

-- ---------------------------------------------------------------------------
-- Diesel bookkeeping
-- ---------------------------------------------------------------------------

CREATE TABLE __diesel_schema_migrations (
    version VARCHAR(50) PRIMARY KEY NOT NULL,
    run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- ---------------------------------------------------------------------------
-- Identity: profiles, users, sessions, permissions
-- ---------------------------------------------------------------------------

CREATE TABLE profiles (
    id TEXT PRIMARY KEY NOT NULL,                 -- uuid
    name TEXT NOT NULL,
    address TEXT,
    phone VARCHAR(20) CHECK (phone IS NULL OR length(phone) >= 7),
    photo BLOB,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,                 -- uuid
    email VARCHAR(255) NOT NULL UNIQUE,
    username VARCHAR(50) NOT NULL UNIQUE CHECK (length(username) >= 3),
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin','principal','teacher','student','guardian','accountant','librarian','staff')),
    google_id VARCHAR(64),
    is_active BOOLEAN NOT NULL DEFAULT 1 CHECK (is_active IN (0,1)),
    failed_login_attempts INTEGER NOT NULL DEFAULT 0,
    lockout_until DATETIME,
    last_login DATETIME,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE UNIQUE INDEX idx_users_google_id ON users (google_id);

CREATE TABLE user_profiles (
    user_id TEXT NOT NULL REFERENCES users(id),
    profile_id TEXT NOT NULL REFERENCES profiles(id),
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (user_id, profile_id)
);

CREATE TABLE sessions (
    id TEXT PRIMARY KEY NOT NULL,                 -- uuid
    user_id TEXT NOT NULL,
    refresh_token_hash TEXT NOT NULL,
    user_agent TEXT,
    ip_address VARCHAR(45),
    expires_at DATETIME NOT NULL,
    revoked_at DATETIME,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    FOREIGN KEY (user_id) REFERENCES users(id)
);

CREATE UNIQUE INDEX idx_sessions_refresh_token_hash ON sessions (refresh_token_hash);
CREATE INDEX idx_sessions_user_id ON sessions (user_id);

CREATE TABLE role_sets (
    id INTEGER PRIMARY KEY,
    name VARCHAR(100) NOT NULL UNIQUE,
    description TEXT,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- Roles are an enum in the application (there is no roles table).
CREATE TABLE role_set_roles (
    role_set_id INTEGER NOT NULL REFERENCES role_sets(id),
    role_id TEXT NOT NULL CHECK (role_id IN ('admin','principal','teacher','student','guardian','accountant','librarian','staff')),
    PRIMARY KEY (role_set_id, role_id)
);

CREATE TABLE role_permissions (
    role_id TEXT NOT NULL,
    permission VARCHAR(100) NOT NULL,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (role_id, permission)
);

CREATE TABLE user_permissions (
    id INTEGER PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    permission VARCHAR(100) NOT NULL,
    granted_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    expires_at DATETIME,
    UNIQUE (user_id, permission)
);

CREATE TABLE user_sets (
    id INTEGER PRIMARY KEY,
    name VARCHAR(100) NOT NULL UNIQUE,
    description TEXT,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE user_set_users (
    user_set_id INTEGER NOT NULL REFERENCES user_sets(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    added_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (user_set_id, user_id)
);

CREATE TABLE user_set_permissions (
    user_set_id INTEGER NOT NULL REFERENCES user_sets(id),
    permission VARCHAR(100) NOT NULL,
    granted_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (user_set_id, permission)
);

CREATE TABLE audit_log (
    id TEXT PRIMARY KEY NOT NULL,                 -- uuid
    user_id TEXT REFERENCES users(id),            -- NULL for system actions
    action_type VARCHAR(20) NOT NULL,
    table_name VARCHAR(64) NOT NULL,
    record_id TEXT,
    old_values JSON,
    new_values JSON,
    ip_address VARCHAR(45),
    timestamp DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX idx_audit_log_user_id ON audit_log (user_id);
CREATE INDEX idx_audit_log_table_record ON audit_log (table_name, record_id);

-- ---------------------------------------------------------------------------
-- Academic structure
-- ---------------------------------------------------------------------------

CREATE TABLE academic_years (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    year_label VARCHAR(20) NOT NULL UNIQUE,       -- e.g. '2024'
    start_date DATE NOT NULL,
    end_date DATE NOT NULL,
    is_current BOOLEAN NOT NULL DEFAULT 0 CHECK (is_current IN (0,1)),
    status VARCHAR(10) NOT NULL DEFAULT 'planned',
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CHECK (end_date > start_date)
);

CREATE TABLE terms (
    id INTEGER PRIMARY KEY,
    academic_year_id INTEGER NOT NULL REFERENCES academic_years(id),
    term_number INTEGER NOT NULL CHECK (term_number BETWEEN 1 AND 3),
    name VARCHAR(30) NOT NULL,                    -- 'First Term'
    start_date DATE NOT NULL,
    end_date DATE NOT NULL,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (academic_year_id, term_number),
    CHECK (end_date > start_date)
);

CREATE TABLE grade_levels (
    id INTEGER PRIMARY KEY,
    grade_number INTEGER NOT NULL UNIQUE CHECK (grade_number BETWEEN 1 AND 13),
    grade_name VARCHAR(30) NOT NULL UNIQUE,       -- 'Grade 10'
    education_level VARCHAR(20) NOT NULL,
    description TEXT,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE streams (
    id INTEGER PRIMARY KEY,
    name VARCHAR(50) NOT NULL UNIQUE,             -- 'Physical Science', 'Commerce', ...
    code VARCHAR(10) NOT NULL UNIQUE,
    description TEXT,
    is_active BOOLEAN NOT NULL DEFAULT 1,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE subjects (
    id INTEGER PRIMARY KEY,
    code VARCHAR(20) NOT NULL UNIQUE,
    name_en VARCHAR(100) NOT NULL,
    name_si VARCHAR(100),
    name_ta VARCHAR(100),
    subject_category VARCHAR(20) NOT NULL CHECK (subject_category IN ('core','basket_1','basket_2','basket_3','al_subject','optional')),
    is_core BOOLEAN NOT NULL DEFAULT 0,
    periods_per_week INTEGER NOT NULL DEFAULT 5,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE grade_streams (
    grade_id INTEGER NOT NULL REFERENCES grade_levels(id),
    stream_id INTEGER NOT NULL REFERENCES streams(id),
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (grade_id, stream_id)
);

CREATE TABLE grade_subjects (
    grade_id INTEGER NOT NULL REFERENCES grade_levels(id),
    subject_id INTEGER NOT NULL REFERENCES subjects(id),
    is_mandatory BOOLEAN NOT NULL DEFAULT 1,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (grade_id, subject_id)
);

CREATE TABLE stream_subjects (
    stream_id INTEGER NOT NULL REFERENCES streams(id),
    subject_id INTEGER NOT NULL REFERENCES subjects(id),
    is_mandatory BOOLEAN NOT NULL DEFAULT 0,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (stream_id, subject_id)
);

CREATE TABLE curriculum_standards (
    id INTEGER PRIMARY KEY,
    subject_id INTEGER NOT NULL REFERENCES subjects(id),
    grade_level_id INTEGER NOT NULL REFERENCES grade_levels(id),
    standard_code VARCHAR(20) NOT NULL UNIQUE,
    description TEXT NOT NULL,
    learning_outcomes TEXT,
    version_name VARCHAR(30),                     -- 'NIE 2015 revision'
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE syllabus (
    id INTEGER PRIMARY KEY,
    curriculum_standard_id INTEGER NOT NULL REFERENCES curriculum_standards(id),
    topic_name VARCHAR(200) NOT NULL,
    sub_topic VARCHAR(200),
    order_index INTEGER NOT NULL,
    required_periods INTEGER NOT NULL DEFAULT 1,
    description TEXT,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE school_calendar (
    id INTEGER PRIMARY KEY,
    date DATE NOT NULL UNIQUE,
    day_type VARCHAR(10) NOT NULL CHECK (day_type IN ('working','holiday','poya','weekend','exam','event')),
    name VARCHAR(100),                            -- 'Vesak Full Moon Poya Day'
    is_academic_day BOOLEAN NOT NULL DEFAULT 1,
    description TEXT,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE school_settings (
    setting_key VARCHAR(100) PRIMARY KEY NOT NULL, -- natural TEXT key
    setting_value TEXT NOT NULL,
    value_type VARCHAR(10) NOT NULL DEFAULT 'string',
    description TEXT,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE seeds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name VARCHAR(100) NOT NULL UNIQUE,
    description TEXT,
    checksum VARCHAR(64),
    row_count INTEGER NOT NULL DEFAULT 0,
    applied_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- ---------------------------------------------------------------------------
-- People: staff and students
-- ---------------------------------------------------------------------------

-- head_staff_id -> staff and staff.department_id -> staff_departments form a
-- nullable FK cycle (neither is in the seed's list; both are additions).
CREATE TABLE staff_departments (
    id INTEGER PRIMARY KEY,
    name VARCHAR(100) NOT NULL UNIQUE,            -- 'Science', 'Mathematics', 'Aesthetic'
    code VARCHAR(10) NOT NULL UNIQUE,
    description TEXT,
    head_staff_id INTEGER REFERENCES staff(id),
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE staff (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    employee_id VARCHAR(20) NOT NULL UNIQUE,
    profile_id TEXT NOT NULL UNIQUE,
    department_id INTEGER,
    name VARCHAR(150) NOT NULL,
    nic VARCHAR(12) NOT NULL UNIQUE CHECK (length(nic) = 10 OR length(nic) = 12),
    dob DATE NOT NULL,
    gender VARCHAR(10) NOT NULL CHECK (gender IN ('male','female','other')),
    email VARCHAR(255) NOT NULL UNIQUE,
    phone VARCHAR(20) NOT NULL CHECK (length(phone) >= 7),
    address TEXT,
    staff_type VARCHAR(20) NOT NULL,
    employment_status VARCHAR(20) NOT NULL DEFAULT 'permanent',
    date_of_joining DATE NOT NULL,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    FOREIGN KEY (profile_id) REFERENCES profiles(id),
    FOREIGN KEY (department_id) REFERENCES staff_departments(id),
    CHECK (date_of_joining > dob)
);

CREATE INDEX idx_staff_department_id ON staff (department_id);

CREATE TABLE staff_subjects (
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    subject_id INTEGER NOT NULL REFERENCES subjects(id),
    years_experience INTEGER NOT NULL DEFAULT 0,
    is_primary BOOLEAN NOT NULL DEFAULT 0,
    PRIMARY KEY (staff_id, subject_id)
);

CREATE TABLE staff_qualifications (
    id INTEGER PRIMARY KEY,
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    qualification_type VARCHAR(20) NOT NULL,
    title VARCHAR(200) NOT NULL,                  -- 'B.Sc. (Special) in Physics'
    institution VARCHAR(200) NOT NULL,
    year_obtained INTEGER NOT NULL,
    grade_or_class VARCHAR(50),
    certificate_scan BLOB,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE staff_employment_history (
    id INTEGER PRIMARY KEY,
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    previous_school VARCHAR(200) NOT NULL,
    position VARCHAR(100) NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE,
    reason_for_leaving TEXT,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CHECK (end_date IS NULL OR end_date >= start_date)
);

CREATE TABLE staff_leaves (
    id INTEGER PRIMARY KEY,
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    leave_type VARCHAR(20) NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE NOT NULL,
    reason TEXT,
    status VARCHAR(10) NOT NULL DEFAULT 'pending',
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CHECK (end_date >= start_date)
);

CREATE TABLE staff_attendance (
    id INTEGER PRIMARY KEY,
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    date DATE NOT NULL,
    status VARCHAR(10) NOT NULL,
    time_in TEXT,                                 -- 'HH:MM'
    time_out TEXT,
    marked_by TEXT REFERENCES users(id),
    remarks TEXT,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (staff_id, date),
    CHECK (time_in IS NULL OR time_out IS NULL OR time_out > time_in)
);

CREATE TABLE students (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    admission_number VARCHAR(20) NOT NULL UNIQUE,
    profile_id TEXT NOT NULL UNIQUE REFERENCES profiles(id),
    name_english VARCHAR(150) NOT NULL,
    name_sinhala VARCHAR(150),
    name_tamil VARCHAR(150),
    birth_certificate_number VARCHAR(20) NOT NULL UNIQUE,
    nic VARCHAR(12) UNIQUE,                       -- only students aged 16+
    dob DATE NOT NULL,
    gender VARCHAR(10) NOT NULL CHECK (gender IN ('male','female','other')),
    address TEXT NOT NULL,
    phone VARCHAR(20),
    email VARCHAR(255) UNIQUE,
    religion VARCHAR(20),
    ethnicity VARCHAR(20),
    status VARCHAR(12) NOT NULL DEFAULT 'active' CHECK (status IN ('active','transferred','graduated','withdrawn','suspended')),
    admission_date DATE NOT NULL,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CHECK (admission_date > dob)
);

CREATE TABLE student_guardians (
    student_id INTEGER NOT NULL REFERENCES students(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    relationship VARCHAR(20) NOT NULL CHECK (relationship IN ('father','mother','guardian','grandparent','sibling','other')),
    is_primary BOOLEAN NOT NULL DEFAULT 0,
    occupation VARCHAR(100),
    phone VARCHAR(20) NOT NULL CHECK (length(phone) >= 7),
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (student_id, user_id)
);

CREATE TABLE student_emergency_contacts (
    id INTEGER PRIMARY KEY,
    student_id INTEGER NOT NULL REFERENCES students(id),
    name VARCHAR(150) NOT NULL,
    relationship VARCHAR(50) NOT NULL,
    phone VARCHAR(20) NOT NULL,
    address TEXT,
    priority INTEGER NOT NULL DEFAULT 1,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE student_medical_info (
    id INTEGER PRIMARY KEY,
    student_id INTEGER NOT NULL UNIQUE REFERENCES students(id),
    blood_group VARCHAR(3) CHECK (blood_group IN ('A+','A-','B+','B-','AB+','AB-','O+','O-')),
    allergies TEXT,
    medical_conditions TEXT,
    medications TEXT,
    emergency_doctor_name VARCHAR(150),
    emergency_doctor_phone VARCHAR(20),
    height_cm REAL,
    weight_kg REAL,
    last_checkup_date DATE,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE student_previous_schools (
    id INTEGER PRIMARY KEY,
    student_id INTEGER NOT NULL REFERENCES students(id),
    school_name VARCHAR(200) NOT NULL,
    school_address TEXT,
    grade_left VARCHAR(10),
    date_of_leaving DATE,
    reason_for_leaving TEXT,
    leaving_certificate_number VARCHAR(30),
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE student_achievements (
    id INTEGER PRIMARY KEY,
    student_id INTEGER NOT NULL REFERENCES students(id),
    achievement_type VARCHAR(20) NOT NULL,
    title VARCHAR(200) NOT NULL,
    description TEXT,
    level VARCHAR(15) NOT NULL DEFAULT 'school',
    achievement_date DATE NOT NULL,
    certificate_url TEXT,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- ---------------------------------------------------------------------------
-- Classes, assignments, timetable
-- ---------------------------------------------------------------------------

CREATE TABLE classes (
    id INTEGER PRIMARY KEY,
    academic_year_id INTEGER NOT NULL REFERENCES academic_years(id),
    grade_id INTEGER NOT NULL REFERENCES grade_levels(id),
    section_name VARCHAR(5) NOT NULL,             -- 'A', 'B', ...
    class_teacher_id INTEGER REFERENCES staff(id),
    medium VARCHAR(10) NOT NULL DEFAULT 'sinhala' CHECK (medium IN ('sinhala','tamil','english')),
    room_number VARCHAR(10),
    max_capacity INTEGER NOT NULL DEFAULT 40,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (academic_year_id, grade_id, section_name)
);

CREATE TABLE student_class_assignments (
    id INTEGER PRIMARY KEY,
    student_id INTEGER NOT NULL REFERENCES students(id),
    academic_year_id INTEGER NOT NULL REFERENCES academic_years(id),
    grade_id INTEGER NOT NULL REFERENCES grade_levels(id),
    class_id INTEGER NOT NULL REFERENCES classes(id),
    roll_number INTEGER,
    from_date DATE NOT NULL,
    to_date DATE,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (student_id, academic_year_id),
    CHECK (to_date IS NULL OR to_date >= from_date)
);

-- Archive table: ids are kept as plain integers (no FKs) so history survives
-- deletion of the referenced rows.
CREATE TABLE student_class_assignments_history (
    id INTEGER PRIMARY KEY,
    student_id INTEGER NOT NULL,
    academic_year_id INTEGER NOT NULL,
    grade_id INTEGER NOT NULL,
    class_id INTEGER NOT NULL,
    from_date DATE NOT NULL,
    to_date DATE,
    change_reason VARCHAR(20) NOT NULL,
    archived_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE teacher_class_assignments (
    id INTEGER PRIMARY KEY,
    teacher_id INTEGER NOT NULL REFERENCES staff(id),
    class_id INTEGER NOT NULL REFERENCES classes(id),
    academic_year_id INTEGER NOT NULL REFERENCES academic_years(id),
    role VARCHAR(30) NOT NULL DEFAULT 'subject_teacher',
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (teacher_id, class_id, academic_year_id)
);

CREATE TABLE teacher_subject_assignments (
    id INTEGER PRIMARY KEY,
    teacher_id INTEGER NOT NULL REFERENCES staff(id),
    subject_id INTEGER NOT NULL REFERENCES subjects(id),
    academic_year_id INTEGER NOT NULL REFERENCES academic_years(id),
    medium VARCHAR(10) NOT NULL DEFAULT 'sinhala',
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (teacher_id, subject_id, academic_year_id)
);

CREATE TABLE class_subject_teachers (
    id INTEGER PRIMARY KEY,
    class_id INTEGER NOT NULL REFERENCES classes(id),
    subject_id INTEGER NOT NULL REFERENCES subjects(id),
    teacher_id INTEGER NOT NULL REFERENCES staff(id),
    academic_year_id INTEGER NOT NULL REFERENCES academic_years(id),
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (class_id, subject_id, academic_year_id)
);

CREATE TABLE subject_enrollments (
    id INTEGER PRIMARY KEY,
    student_id INTEGER NOT NULL REFERENCES students(id),
    subject_id INTEGER NOT NULL REFERENCES subjects(id),
    academic_year_id INTEGER NOT NULL REFERENCES academic_years(id),
    enrollment_type VARCHAR(10) NOT NULL DEFAULT 'mandatory',
    status VARCHAR(10) NOT NULL DEFAULT 'enrolled',
    enrolled_date DATE NOT NULL,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (student_id, subject_id, academic_year_id)
);

CREATE TABLE timetable (
    id INTEGER PRIMARY KEY,
    class_id INTEGER NOT NULL REFERENCES classes(id),
    subject_id INTEGER NOT NULL REFERENCES subjects(id),
    teacher_id INTEGER NOT NULL REFERENCES staff(id),
    academic_year_id INTEGER NOT NULL REFERENCES academic_years(id),
    day_of_week VARCHAR(10) NOT NULL CHECK (day_of_week IN ('Monday','Tuesday','Wednesday','Thursday','Friday')),
    period_number INTEGER NOT NULL CHECK (period_number BETWEEN 1 AND 8),
    start_time TEXT NOT NULL,                     -- 'HH:MM'
    end_time TEXT NOT NULL,
    room VARCHAR(20),
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (class_id, academic_year_id, day_of_week, period_number),
    CHECK (end_time > start_time)
);

CREATE INDEX idx_timetable_teacher ON timetable (teacher_id, day_of_week);

CREATE TABLE substitutions (
    id INTEGER PRIMARY KEY,
    timetable_id INTEGER NOT NULL REFERENCES timetable(id),
    substitute_teacher_id INTEGER NOT NULL REFERENCES staff(id),
    date DATE NOT NULL,
    reason TEXT,
    status VARCHAR(10) NOT NULL DEFAULT 'pending',
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (timetable_id, date)
);

CREATE TABLE lesson_progress (
    id INTEGER PRIMARY KEY,
    class_id INTEGER NOT NULL REFERENCES classes(id),
    subject_id INTEGER NOT NULL REFERENCES subjects(id),
    teacher_id INTEGER NOT NULL REFERENCES staff(id),
    syllabus_id INTEGER NOT NULL REFERENCES syllabus(id),
    timetable_id INTEGER REFERENCES timetable(id),
    date DATE NOT NULL,
    topic_covered TEXT NOT NULL,
    coverage_percentage REAL NOT NULL DEFAULT 0,
    progress_status VARCHAR(12) NOT NULL DEFAULT 'planned',
    homework_assigned TEXT,
    is_substitution BOOLEAN NOT NULL DEFAULT 0,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- ---------------------------------------------------------------------------
-- Exams, marks, z-scores, report cards
-- ---------------------------------------------------------------------------

CREATE TABLE exam_types (
    id INTEGER PRIMARY KEY,
    name VARCHAR(100) NOT NULL UNIQUE,            -- 'Term Test', 'Monthly Test', 'O/L Trial'
    description TEXT,
    weightage REAL NOT NULL DEFAULT 100,
    is_external BOOLEAN NOT NULL DEFAULT 0,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE exams (
    id INTEGER PRIMARY KEY,
    exam_type_id INTEGER NOT NULL REFERENCES exam_types(id),
    academic_year_id INTEGER NOT NULL REFERENCES academic_years(id),
    term_id INTEGER REFERENCES terms(id),
    name VARCHAR(150) NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE NOT NULL,
    status VARCHAR(20) NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled','ongoing','completed','results_published','cancelled')),
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CHECK (end_date >= start_date)
);

CREATE TABLE exam_subjects (
    id INTEGER PRIMARY KEY,
    exam_id INTEGER NOT NULL REFERENCES exams(id),
    subject_id INTEGER NOT NULL REFERENCES subjects(id),
    exam_date DATE NOT NULL,
    start_time TEXT,                              -- 'HH:MM'
    duration_minutes INTEGER NOT NULL DEFAULT 120,
    max_marks INTEGER NOT NULL DEFAULT 100 CHECK (max_marks > 0),
    pass_marks INTEGER NOT NULL DEFAULT 35,
    UNIQUE (exam_id, subject_id),
    CHECK (pass_marks >= 0 AND pass_marks <= max_marks)
);

CREATE TABLE student_marks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    exam_id INTEGER NOT NULL REFERENCES exams(id),
    student_id INTEGER NOT NULL REFERENCES students(id),
    subject_id INTEGER NOT NULL REFERENCES subjects(id),
    marks_obtained REAL CHECK (marks_obtained IS NULL OR (marks_obtained >= 0 AND marks_obtained <= 100)),
    is_absent BOOLEAN NOT NULL DEFAULT 0,
    grade VARCHAR(2) CHECK (grade IN ('A','B','C','S','W')),
    remarks TEXT,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (exam_id, student_id, subject_id),
    CHECK ((is_absent = 1 AND marks_obtained IS NULL) OR (is_absent = 0 AND marks_obtained IS NOT NULL))
);

CREATE INDEX idx_student_marks_student ON student_marks (student_id);

-- Change log for student_marks; student_mark_id / changed_by are soft references.
CREATE TABLE student_marks_history (
    id INTEGER PRIMARY KEY,
    student_mark_id INTEGER NOT NULL,
    old_marks REAL,
    new_marks REAL,
    changed_by TEXT,
    change_reason TEXT NOT NULL,
    changed_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE zscore_calculations (
    id INTEGER PRIMARY KEY,
    exam_id INTEGER NOT NULL REFERENCES exams(id),
    subject_id INTEGER NOT NULL REFERENCES subjects(id),
    mean REAL NOT NULL,
    std_deviation REAL NOT NULL CHECK (std_deviation > 0),
    student_count INTEGER NOT NULL,
    calculated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (exam_id, subject_id)
);

CREATE TABLE student_zscores (
    id INTEGER PRIMARY KEY,
    exam_id INTEGER NOT NULL REFERENCES exams(id),
    student_id INTEGER NOT NULL REFERENCES students(id),
    subject_id INTEGER NOT NULL REFERENCES subjects(id),
    raw_marks REAL NOT NULL,
    zscore REAL NOT NULL CHECK (zscore BETWEEN -4.0 AND 4.0),
    class_rank INTEGER,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (exam_id, student_id, subject_id)
);

CREATE TABLE ol_exams (
    id INTEGER PRIMARY KEY,
    student_id INTEGER NOT NULL REFERENCES students(id),
    exam_year INTEGER NOT NULL CHECK (exam_year BETWEEN 1990 AND 2100),
    index_number VARCHAR(12) NOT NULL UNIQUE,
    medium VARCHAR(10) NOT NULL DEFAULT 'sinhala',
    results JSON,                                 -- {"MATH":"A","SCI":"B",...}
    a_passes INTEGER NOT NULL DEFAULT 0,
    is_qualified_for_al BOOLEAN NOT NULL DEFAULT 0,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE UNIQUE INDEX idx_ol_exams_student_year ON ol_exams (student_id, exam_year);

CREATE TABLE al_exams (
    id INTEGER PRIMARY KEY,
    student_id INTEGER NOT NULL REFERENCES students(id),
    stream_id INTEGER NOT NULL REFERENCES streams(id),
    exam_year INTEGER NOT NULL,
    index_number VARCHAR(12) NOT NULL UNIQUE,
    subject1_grade VARCHAR(2),
    subject2_grade VARCHAR(2),
    subject3_grade VARCHAR(2),
    general_test_marks INTEGER,
    zscore REAL CHECK (zscore IS NULL OR zscore BETWEEN -3.5 AND 3.5),
    district_rank INTEGER,
    island_rank INTEGER,
    university_eligible BOOLEAN NOT NULL DEFAULT 0,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CHECK (island_rank IS NULL OR district_rank IS NULL OR island_rank >= district_rank)
);

-- Grade 5 Scholarship Examination
CREATE TABLE scholarship_exams (
    id INTEGER PRIMARY KEY,
    student_id INTEGER NOT NULL REFERENCES students(id),
    exam_year INTEGER NOT NULL,
    index_number VARCHAR(12) NOT NULL UNIQUE,
    marks INTEGER,
    district_cutoff INTEGER,
    is_passed BOOLEAN NOT NULL DEFAULT 0,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE grading_schemes (
    id INTEGER PRIMARY KEY,
    name VARCHAR(100) NOT NULL UNIQUE,
    description TEXT,
    applicable_level VARCHAR(10) NOT NULL DEFAULT 'all',
    is_default BOOLEAN NOT NULL DEFAULT 0,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE grading_criteria (
    id INTEGER PRIMARY KEY,
    scheme_id INTEGER NOT NULL REFERENCES grading_schemes(id),
    grade_letter VARCHAR(2) NOT NULL CHECK (grade_letter IN ('A','B','C','S','W','F')),
    min_marks REAL NOT NULL,
    max_marks REAL NOT NULL CHECK (max_marks <= 100),
    grade_point REAL,
    description VARCHAR(50),                      -- 'Distinction', 'Very Good', ...
    UNIQUE (scheme_id, grade_letter),
    CHECK (max_marks >= min_marks)
);

CREATE TABLE report_cards (
    id INTEGER PRIMARY KEY,
    student_id INTEGER NOT NULL REFERENCES students(id),
    academic_year_id INTEGER NOT NULL REFERENCES academic_years(id),
    term_id INTEGER NOT NULL REFERENCES terms(id),
    class_id INTEGER NOT NULL REFERENCES classes(id),
    total_marks REAL,
    average_marks REAL CHECK (average_marks IS NULL OR average_marks BETWEEN 0 AND 100),
    class_rank INTEGER,
    attendance_percentage REAL,
    class_teacher_remarks TEXT,
    principal_remarks TEXT,
    status VARCHAR(10) NOT NULL DEFAULT 'draft',
    generated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (student_id, term_id)
);

CREATE TABLE report_card_marks (
    id INTEGER PRIMARY KEY,
    report_card_id INTEGER NOT NULL REFERENCES report_cards(id),
    subject_id INTEGER NOT NULL REFERENCES subjects(id),
    marks REAL,
    grade VARCHAR(2),
    remarks TEXT,
    UNIQUE (report_card_id, subject_id)
);

-- ---------------------------------------------------------------------------
-- Attendance
-- ---------------------------------------------------------------------------

CREATE TABLE attendance_policies (
    id INTEGER PRIMARY KEY,
    name VARCHAR(100) NOT NULL UNIQUE,
    rule_type VARCHAR(30) NOT NULL,
    threshold INTEGER NOT NULL,
    action_type VARCHAR(30) NOT NULL DEFAULT 'notify_guardian',
    is_active BOOLEAN NOT NULL DEFAULT 1,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE student_attendance (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    student_id INTEGER NOT NULL REFERENCES students(id),
    class_id INTEGER NOT NULL REFERENCES classes(id),
    date DATE NOT NULL,
    status VARCHAR(10) NOT NULL CHECK (status IN ('present','absent','late','excused','half_day')),
    marked_by TEXT NOT NULL REFERENCES users(id),
    remarks TEXT,
    is_locked BOOLEAN NOT NULL DEFAULT 0,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (student_id, date)
);

CREATE INDEX idx_student_attendance_class_date ON student_attendance (class_id, date);

CREATE TABLE student_period_attendance (
    id INTEGER PRIMARY KEY,
    student_id INTEGER NOT NULL REFERENCES students(id),
    class_id INTEGER NOT NULL REFERENCES classes(id),
    timetable_id INTEGER NOT NULL REFERENCES timetable(id),
    date DATE NOT NULL,
    status VARCHAR(10) NOT NULL CHECK (status IN ('present','absent','late','excused')),
    minutes_late INTEGER,
    marked_by TEXT NOT NULL REFERENCES users(id),
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (student_id, timetable_id, date),
    CHECK (minutes_late IS NULL OR (status = 'late' AND minutes_late BETWEEN 1 AND 60))
);

-- attendance_record_id is a soft reference to student_attendance.id
CREATE TABLE attendance_excuses (
    id INTEGER PRIMARY KEY,
    attendance_record_id INTEGER NOT NULL,
    excuse_type VARCHAR(10) NOT NULL,
    reason TEXT NOT NULL,
    document_url TEXT,
    status VARCHAR(10) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','rejected')),
    verified_by TEXT REFERENCES users(id),
    verified_at DATETIME,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CHECK (status = 'pending' OR verified_at IS NOT NULL)
);

CREATE TABLE attendance_discrepancies (
    id INTEGER PRIMARY KEY,
    student_id INTEGER NOT NULL REFERENCES students(id),
    date DATE NOT NULL,
    discrepancy_type VARCHAR(20) NOT NULL,
    details TEXT,
    severity VARCHAR(10) NOT NULL DEFAULT 'low',
    is_resolved BOOLEAN NOT NULL DEFAULT 0 CHECK (is_resolved IN (0,1)),
    resolved_by TEXT REFERENCES users(id),
    resolved_at DATETIME,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CHECK (is_resolved = 0 OR resolved_at IS NOT NULL)
);

-- attendance_record_id is a soft reference (daily or period attendance)
CREATE TABLE attendance_audit_log (
    id INTEGER PRIMARY KEY,
    attendance_record_id INTEGER NOT NULL,
    old_status VARCHAR(10),
    new_status VARCHAR(10) NOT NULL,
    changed_by TEXT NOT NULL REFERENCES users(id),
    change_reason TEXT NOT NULL,
    changed_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE pre_approved_absences (
    id INTEGER PRIMARY KEY,
    student_id INTEGER NOT NULL REFERENCES students(id),
    start_date DATE NOT NULL,
    end_date DATE NOT NULL,
    reason_type VARCHAR(15) NOT NULL,
    remarks TEXT,
    approved_by TEXT REFERENCES users(id),
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CHECK (end_date >= start_date)
);

CREATE TABLE exit_passes (
    id INTEGER PRIMARY KEY,
    student_id INTEGER NOT NULL REFERENCES students(id),
    date DATE NOT NULL,
    exit_time TEXT NOT NULL,                      -- 'HH:MM'
    return_time TEXT,
    reason_type VARCHAR(10) NOT NULL,
    remarks TEXT,
    guardian_name VARCHAR(150),
    approved_by TEXT REFERENCES users(id),
    status VARCHAR(10) NOT NULL DEFAULT 'pending',
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CHECK (return_time IS NULL OR return_time > exit_time)
);

CREATE TABLE detention_balances (
    id INTEGER PRIMARY KEY,
    student_id INTEGER NOT NULL UNIQUE REFERENCES students(id),
    total_hours REAL NOT NULL DEFAULT 0,
    served_hours REAL NOT NULL DEFAULT 0 CHECK (served_hours >= 0),
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CHECK (served_hours <= total_hours)
);

CREATE TABLE emergency_roll_calls (
    id INTEGER PRIMARY KEY,
    event_type VARCHAR(12) NOT NULL,
    start_time DATETIME NOT NULL,
    end_time DATETIME,
    initiated_by TEXT NOT NULL REFERENCES users(id),
    status VARCHAR(10) NOT NULL DEFAULT 'active',
    notes TEXT,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CHECK (end_time IS NULL OR end_time >= start_time)
);

CREATE TABLE emergency_roll_call_entries (
    id INTEGER PRIMARY KEY,
    roll_call_id INTEGER NOT NULL REFERENCES emergency_roll_calls(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    status VARCHAR(12) NOT NULL DEFAULT 'unaccounted',
    location_found VARCHAR(100),
    marked_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (roll_call_id, user_id)
);

-- ---------------------------------------------------------------------------
-- Behaviour
-- ---------------------------------------------------------------------------

CREATE TABLE behavior_incident_types (
    id INTEGER PRIMARY KEY,
    type_name VARCHAR(100) NOT NULL UNIQUE,
    severity VARCHAR(10) NOT NULL,
    default_points INTEGER NOT NULL DEFAULT 0,
    description TEXT,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE behavior_incidents (
    id INTEGER PRIMARY KEY,
    student_id INTEGER NOT NULL REFERENCES students(id),
    incident_type_id INTEGER NOT NULL REFERENCES behavior_incident_types(id),
    reported_by_user_id TEXT NOT NULL REFERENCES users(id),
    incident_date DATE NOT NULL,
    incident_time TEXT,
    location VARCHAR(100),
    description TEXT NOT NULL,
    points_awarded INTEGER NOT NULL DEFAULT 0,
    status VARCHAR(15) NOT NULL DEFAULT 'open',
    action_taken TEXT,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- ---------------------------------------------------------------------------
-- Finance: fees, payroll, budgets, ledger
-- ---------------------------------------------------------------------------

CREATE TABLE fee_categories (
    id INTEGER PRIMARY KEY,
    name VARCHAR(100) NOT NULL UNIQUE,            -- 'Facility Fee', 'SDS Contribution', ...
    description TEXT,
    is_mandatory BOOLEAN NOT NULL DEFAULT 1,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE fee_structures (
    id INTEGER PRIMARY KEY,
    academic_year_id INTEGER NOT NULL REFERENCES academic_years(id),
    grade_id INTEGER NOT NULL REFERENCES grade_levels(id),
    category_id INTEGER NOT NULL REFERENCES fee_categories(id),
    amount NUMERIC(10,2) NOT NULL CHECK (amount > 0),
    frequency VARCHAR(10) NOT NULL DEFAULT 'annually',
    due_date DATE,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (academic_year_id, grade_id, category_id)
);

CREATE TABLE student_fees (
    id INTEGER PRIMARY KEY,
    student_id INTEGER NOT NULL REFERENCES students(id),
    fee_structure_id INTEGER NOT NULL REFERENCES fee_structures(id),
    amount NUMERIC(10,2) NOT NULL CHECK (amount > 0),
    discount_amount NUMERIC(10,2) NOT NULL DEFAULT 0,
    due_date DATE NOT NULL,
    status VARCHAR(10) NOT NULL DEFAULT 'unpaid' CHECK (status IN ('unpaid','partial','paid','waived','overdue')),
    is_exempted BOOLEAN NOT NULL DEFAULT 0,
    exemption_reason TEXT,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (student_id, fee_structure_id),
    CHECK (discount_amount <= amount)
);

CREATE TABLE fee_payments (
    id INTEGER PRIMARY KEY,
    student_fee_id INTEGER NOT NULL REFERENCES student_fees(id),
    amount_paid NUMERIC(10,2) NOT NULL CHECK (amount_paid > 0),
    payment_date DATE NOT NULL,
    payment_method VARCHAR(15) NOT NULL CHECK (payment_method IN ('cash','bank_deposit','card','online','cheque')),
    receipt_number VARCHAR(30) NOT NULL UNIQUE,
    collected_by INTEGER REFERENCES staff(id),
    remarks TEXT,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE salary_components (
    id INTEGER PRIMARY KEY,
    name VARCHAR(100) NOT NULL UNIQUE,            -- 'Basic Salary', 'Cost of Living Allowance', 'EPF 8%'
    component_type VARCHAR(10) NOT NULL,
    is_percentage BOOLEAN NOT NULL DEFAULT 0,
    description TEXT,
    is_active BOOLEAN NOT NULL DEFAULT 1,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE staff_salaries (
    id INTEGER PRIMARY KEY,
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    component_id INTEGER NOT NULL REFERENCES salary_components(id),
    amount NUMERIC(12,2) NOT NULL,
    effective_from DATE NOT NULL,
    effective_to DATE,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (staff_id, component_id, effective_from),
    CHECK (effective_to IS NULL OR effective_to > effective_from)
);

CREATE TABLE salary_payments (
    id INTEGER PRIMARY KEY,
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    payment_year INTEGER NOT NULL,
    payment_month INTEGER NOT NULL CHECK (payment_month BETWEEN 1 AND 12),
    gross_amount NUMERIC(12,2) NOT NULL CHECK (gross_amount > 0),
    total_deductions NUMERIC(12,2) NOT NULL DEFAULT 0,
    net_amount NUMERIC(12,2) NOT NULL,
    payment_date DATE,
    payment_method VARCHAR(15) NOT NULL DEFAULT 'bank_transfer',
    reference_number VARCHAR(40) UNIQUE,
    status VARCHAR(10) NOT NULL DEFAULT 'pending',
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (staff_id, payment_year, payment_month),
    CHECK (net_amount <= gross_amount)
);

CREATE TABLE budget_categories (
    id INTEGER PRIMARY KEY,
    name VARCHAR(100) NOT NULL UNIQUE,
    description TEXT,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE budgets (
    id INTEGER PRIMARY KEY,
    academic_year_id INTEGER NOT NULL REFERENCES academic_years(id),
    category_id INTEGER NOT NULL REFERENCES budget_categories(id),
    allocated_amount NUMERIC(12,2) NOT NULL CHECK (allocated_amount > 0),
    spent_amount NUMERIC(12,2) NOT NULL DEFAULT 0,
    remarks TEXT,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (academic_year_id, category_id)
);

CREATE TABLE income_sources (
    id INTEGER PRIMARY KEY,
    name VARCHAR(100) NOT NULL UNIQUE,            -- 'Government Grant', 'Canteen Rent', 'Donations'
    description TEXT,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE income_transactions (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES income_sources(id),
    amount NUMERIC(12,2) NOT NULL,
    date DATE NOT NULL,
    description TEXT,
    receipt_number VARCHAR(30) UNIQUE,
    received_by INTEGER REFERENCES staff(id),
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE expense_categories (
    id INTEGER PRIMARY KEY,
    name VARCHAR(100) NOT NULL UNIQUE,
    description TEXT,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE expense_transactions (
    id INTEGER PRIMARY KEY,
    category_id INTEGER NOT NULL REFERENCES expense_categories(id),
    amount NUMERIC(12,2) NOT NULL CHECK (amount > 0),
    date DATE NOT NULL,
    description TEXT NOT NULL,
    vendor VARCHAR(150),
    voucher_number VARCHAR(30) UNIQUE,
    status VARCHAR(10) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','rejected','paid')),
    approved_by INTEGER REFERENCES staff(id),
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE petty_cash_transactions (
    id INTEGER PRIMARY KEY,
    transaction_type VARCHAR(15) NOT NULL,
    amount REAL NOT NULL CHECK (amount > 0 AND amount <= 25000),
    date DATE NOT NULL,
    description TEXT NOT NULL,
    receipt_ref VARCHAR(30),
    handled_by INTEGER NOT NULL REFERENCES staff(id),
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- parent_account_id is a nullable self-reference (account hierarchy).
CREATE TABLE chart_of_accounts (
    id INTEGER PRIMARY KEY,
    account_code VARCHAR(20) NOT NULL UNIQUE,
    account_name VARCHAR(150) NOT NULL,
    account_type VARCHAR(10) NOT NULL CHECK (account_type IN ('asset','liability','equity','income','expense')),
    parent_account_id INTEGER REFERENCES chart_of_accounts(id),
    is_active BOOLEAN NOT NULL DEFAULT 1,
    description TEXT,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- The seed lists no FKs for general_ledger; account codes are stored as text.
CREATE TABLE general_ledger (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    entry_number VARCHAR(30) NOT NULL UNIQUE,
    transaction_date DATE NOT NULL,
    description TEXT NOT NULL,
    debit_account_code VARCHAR(20) NOT NULL,
    credit_account_code VARCHAR(20) NOT NULL,
    amount NUMERIC(14,2) NOT NULL CHECK (amount > 0),
    reference_type VARCHAR(15),
    reference_id INTEGER,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CHECK (debit_account_code <> credit_account_code)
);

-- ---------------------------------------------------------------------------
-- Assets, inventory, uniforms, maintenance
-- ---------------------------------------------------------------------------

CREATE TABLE asset_categories (
    id INTEGER PRIMARY KEY,
    name VARCHAR(100) NOT NULL UNIQUE,
    description TEXT,
    depreciation_rate REAL,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE inventory_items (
    id INTEGER PRIMARY KEY,
    category_id INTEGER NOT NULL REFERENCES asset_categories(id),
    name VARCHAR(150) NOT NULL,
    asset_tag VARCHAR(30) NOT NULL UNIQUE,
    description TEXT,
    quantity INTEGER NOT NULL DEFAULT 1,
    unit VARCHAR(20),
    unit_price NUMERIC(10,2),
    purchase_date DATE,
    condition VARCHAR(10) NOT NULL DEFAULT 'good',
    location VARCHAR(100),
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE asset_allocations (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES inventory_items(id),
    allocated_by TEXT NOT NULL REFERENCES users(id),
    quantity INTEGER NOT NULL DEFAULT 1,
    allocation_date DATE NOT NULL,
    return_date DATE,
    status VARCHAR(10) NOT NULL DEFAULT 'allocated',
    remarks TEXT,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE asset_allocations_staff (
    asset_allocation_id INTEGER NOT NULL REFERENCES asset_allocations(id),
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    acknowledged_at DATETIME,
    PRIMARY KEY (asset_allocation_id, staff_id)
);

CREATE TABLE asset_allocations_students (
    id INTEGER PRIMARY KEY,
    asset_allocation_id INTEGER NOT NULL REFERENCES asset_allocations(id),
    student_id INTEGER NOT NULL REFERENCES students(id),
    acknowledged_at DATETIME,
    UNIQUE (asset_allocation_id, student_id)
);

CREATE TABLE maintenance_requests (
    id INTEGER PRIMARY KEY,
    item_id INTEGER REFERENCES inventory_items(id),
    reported_by TEXT NOT NULL REFERENCES users(id),
    assigned_to INTEGER REFERENCES staff(id),
    issue_description TEXT NOT NULL,
    priority VARCHAR(10) NOT NULL DEFAULT 'medium' CHECK (priority IN ('low','medium','high','urgent')),
    status VARCHAR(12) NOT NULL DEFAULT 'open',
    reported_date DATE NOT NULL,
    resolved_date DATE,
    cost NUMERIC(10,2),
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CHECK (resolved_date IS NULL OR resolved_date >= reported_date)
);

CREATE TABLE uniform_items (
    id INTEGER PRIMARY KEY,
    item_name VARCHAR(100) NOT NULL,              -- 'White Frock', 'Tie', 'Shorts'
    size VARCHAR(4) NOT NULL CHECK (size IN ('XS','S','M','L','XL','XXL')),
    gender VARCHAR(6) NOT NULL DEFAULT 'unisex',
    price NUMERIC(10,2) NOT NULL DEFAULT 0,
    stock_quantity INTEGER NOT NULL DEFAULT 0,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (item_name, size, gender)
);

CREATE TABLE uniform_issues (
    id INTEGER PRIMARY KEY,
    student_id INTEGER NOT NULL REFERENCES students(id),
    uniform_item_id INTEGER NOT NULL REFERENCES uniform_items(id),
    issued_by INTEGER NOT NULL REFERENCES staff(id),
    quantity INTEGER NOT NULL DEFAULT 1,
    issue_date DATE NOT NULL,
    amount_charged NUMERIC(10,2) NOT NULL DEFAULT 0,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- ---------------------------------------------------------------------------
-- Library
-- ---------------------------------------------------------------------------

-- parent_id is a nullable self-reference (category tree).
CREATE TABLE library_categories (
    id INTEGER PRIMARY KEY,
    name VARCHAR(100) NOT NULL UNIQUE,
    dewey_code VARCHAR(10),
    parent_id INTEGER REFERENCES library_categories(id),
    description TEXT,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE library_books (
    id INTEGER PRIMARY KEY,
    isbn VARCHAR(17) NOT NULL UNIQUE CHECK (length(isbn) BETWEEN 10 AND 17),
    title VARCHAR(255) NOT NULL,
    author VARCHAR(150) NOT NULL,
    publisher VARCHAR(150),
    publication_year INTEGER,
    category_id INTEGER NOT NULL REFERENCES library_categories(id),
    language VARCHAR(10) NOT NULL DEFAULT 'sinhala',
    total_copies INTEGER NOT NULL DEFAULT 1 CHECK (total_copies >= 1),
    available_copies INTEGER NOT NULL DEFAULT 1 CHECK (available_copies >= 0),
    shelf_location VARCHAR(20),
    price NUMERIC(10,2),
    added_date DATE NOT NULL,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CHECK (available_copies <= total_copies)
);

-- A book is issued to either a student or a member of staff (exclusive arc).
CREATE TABLE library_issues (
    id INTEGER PRIMARY KEY,
    book_id INTEGER NOT NULL REFERENCES library_books(id),
    student_id INTEGER REFERENCES students(id),
    staff_id INTEGER REFERENCES staff(id),
    issue_date DATE NOT NULL,
    due_date DATE NOT NULL,
    return_date DATE,
    fine_amount NUMERIC(8,2) NOT NULL DEFAULT 0,
    status VARCHAR(10) NOT NULL DEFAULT 'issued',
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CHECK (due_date >= issue_date),
    CHECK (return_date IS NULL OR return_date >= issue_date),
    CHECK ((student_id IS NOT NULL AND staff_id IS NULL) OR (student_id IS NULL AND staff_id IS NOT NULL))
);

CREATE INDEX idx_library_issues_book ON library_issues (book_id);

-- Singleton settings row.
CREATE TABLE library_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    max_books_per_student INTEGER NOT NULL DEFAULT 2,
    max_books_per_staff INTEGER NOT NULL DEFAULT 5,
    loan_period_days INTEGER NOT NULL DEFAULT 14,
    fine_per_day NUMERIC(6,2) NOT NULL DEFAULT 5.00,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- ---------------------------------------------------------------------------
-- Co-curricular: activities, clubs, competitions, cultural events, sports
-- ---------------------------------------------------------------------------

CREATE TABLE activity_types (
    id INTEGER PRIMARY KEY,
    name VARCHAR(100) NOT NULL UNIQUE,            -- 'Field Trip', 'Shramadana', 'Sil Campaign'
    description TEXT,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE activities (
    id INTEGER PRIMARY KEY,
    activity_type_id INTEGER NOT NULL REFERENCES activity_types(id),
    academic_year_id INTEGER NOT NULL REFERENCES academic_years(id),
    name VARCHAR(150) NOT NULL,
    description TEXT,
    venue VARCHAR(150),
    start_date DATE NOT NULL,
    end_date DATE NOT NULL,
    is_mandatory BOOLEAN NOT NULL DEFAULT 0,
    max_participants INTEGER,
    metadata JSON,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CHECK (end_date >= start_date)
);

CREATE TABLE activity_participants (
    id INTEGER PRIMARY KEY,
    activity_id INTEGER NOT NULL REFERENCES activities(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    participant_type VARCHAR(10) NOT NULL,
    enrolled_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (activity_id, user_id)
);

CREATE TABLE activity_participants_staff (
    activity_id INTEGER NOT NULL REFERENCES activities(id),
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    role VARCHAR(15) NOT NULL DEFAULT 'supervisor',
    PRIMARY KEY (activity_id, staff_id)
);

CREATE TABLE activity_participants_students (
    activity_id INTEGER NOT NULL REFERENCES activities(id),
    student_id INTEGER NOT NULL REFERENCES students(id),
    enrolled_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (activity_id, student_id)
);

-- Per-day head counts for an activity.
CREATE TABLE activity_attendance (
    id INTEGER PRIMARY KEY,
    activity_id INTEGER NOT NULL REFERENCES activities(id),
    attendance_date DATE NOT NULL,
    present_count INTEGER NOT NULL DEFAULT 0,
    absent_count INTEGER NOT NULL DEFAULT 0,
    remarks TEXT,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (activity_id, attendance_date)
);

CREATE TABLE clubs (
    id INTEGER PRIMARY KEY,
    name VARCHAR(100) NOT NULL UNIQUE,            -- 'Science Society', 'Eco Club', 'Interact Club'
    description TEXT,
    teacher_in_charge_id INTEGER REFERENCES staff(id),
    meeting_day VARCHAR(10),
    max_members INTEGER,
    is_active BOOLEAN NOT NULL DEFAULT 1,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE club_members (
    id INTEGER PRIMARY KEY,
    club_id INTEGER NOT NULL REFERENCES clubs(id),
    student_id INTEGER NOT NULL REFERENCES students(id),
    role VARCHAR(15) NOT NULL DEFAULT 'member' CHECK (role IN ('member','president','vice_president','secretary','treasurer','editor')),
    joined_date DATE NOT NULL,
    UNIQUE (club_id, student_id)
);

CREATE TABLE club_activities (
    id INTEGER PRIMARY KEY,
    club_id INTEGER NOT NULL REFERENCES clubs(id),
    title VARCHAR(150) NOT NULL,
    description TEXT,
    activity_date DATE NOT NULL,
    venue VARCHAR(100),
    status VARCHAR(10) NOT NULL DEFAULT 'planned',
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE competitions (
    id INTEGER PRIMARY KEY,
    name VARCHAR(150) NOT NULL,
    level VARCHAR(15) NOT NULL DEFAULT 'school',
    competition_date DATE NOT NULL,
    organizer VARCHAR(150),
    venue VARCHAR(150),
    description TEXT,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE competition_participants (
    id INTEGER PRIMARY KEY,
    competition_id INTEGER NOT NULL REFERENCES competitions(id),
    student_id INTEGER NOT NULL REFERENCES students(id),
    position INTEGER,
    award VARCHAR(100),
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (competition_id, student_id)
);

CREATE TABLE cultural_events (
    id INTEGER PRIMARY KEY,
    name VARCHAR(150) NOT NULL,                   -- 'Sinhala & Tamil New Year Festival', 'Vesak Bhakthi Gee'
    event_type VARCHAR(10) NOT NULL,
    event_date DATE NOT NULL,
    venue VARCHAR(150),
    description TEXT,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE cultural_event_participants (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES cultural_events(id),
    student_id INTEGER NOT NULL REFERENCES students(id),
    role VARCHAR(50),
    performance_details TEXT,
    award VARCHAR(100),
    UNIQUE (event_id, student_id)
);

CREATE TABLE sports (
    id INTEGER PRIMARY KEY,
    name VARCHAR(50) NOT NULL UNIQUE,             -- 'Cricket', 'Volleyball', 'Athletics', 'Netball'
    category VARCHAR(10) NOT NULL,
    description TEXT,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE sport_teams (
    id INTEGER PRIMARY KEY,
    sport_id INTEGER NOT NULL REFERENCES sports(id),
    name VARCHAR(100) NOT NULL,
    age_group VARCHAR(5) NOT NULL CHECK (age_group IN ('U13','U15','U17','U19','open')),
    gender VARCHAR(6) NOT NULL,
    season_year INTEGER NOT NULL,
    coach_id INTEGER REFERENCES staff(id),
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (name, season_year)
);

CREATE TABLE sport_team_members (
    id INTEGER PRIMARY KEY,
    team_id INTEGER NOT NULL REFERENCES sport_teams(id),
    student_id INTEGER NOT NULL REFERENCES students(id),
    position VARCHAR(50),
    jersey_number INTEGER CHECK (jersey_number IS NULL OR jersey_number BETWEEN 1 AND 99),
    is_captain BOOLEAN NOT NULL DEFAULT 0,
    joined_date DATE NOT NULL,
    UNIQUE (team_id, student_id)
);

CREATE TABLE sport_events (
    id INTEGER PRIMARY KEY,
    sport_id INTEGER NOT NULL REFERENCES sports(id),
    name VARCHAR(150) NOT NULL,
    event_date DATE NOT NULL,
    venue VARCHAR(150),
    level VARCHAR(15) NOT NULL DEFAULT 'school',
    organizer VARCHAR(150),
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- A participant is a team, an individual student, or a student within a team.
CREATE TABLE sport_event_participants (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES sport_events(id),
    team_id INTEGER REFERENCES sport_teams(id),
    student_id INTEGER REFERENCES students(id),
    position INTEGER,
    points REAL NOT NULL DEFAULT 0,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CHECK (team_id IS NOT NULL OR student_id IS NOT NULL)
);

-- ---------------------------------------------------------------------------
-- Messaging and resources
-- ---------------------------------------------------------------------------

CREATE TABLE conversations (
    id TEXT PRIMARY KEY NOT NULL,                 -- uuid
    subject VARCHAR(200),
    conversation_type VARCHAR(12) NOT NULL DEFAULT 'direct',
    is_archived BOOLEAN NOT NULL DEFAULT 0,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE conversation_participants (
    conversation_id TEXT NOT NULL REFERENCES conversations(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    joined_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    last_read_at DATETIME,
    is_muted BOOLEAN NOT NULL DEFAULT 0,
    PRIMARY KEY (conversation_id, user_id)
);

CREATE TABLE messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id TEXT NOT NULL REFERENCES conversations(id),
    sender_user_id TEXT NOT NULL REFERENCES users(id),
    content TEXT NOT NULL CHECK (length(content) >= 1),
    message_type VARCHAR(10) NOT NULL DEFAULT 'text',
    attachment_url TEXT,
    sent_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    read_at DATETIME,
    is_deleted BOOLEAN NOT NULL DEFAULT 0,
    CHECK (read_at IS NULL OR read_at >= sent_at)
);

CREATE INDEX idx_messages_conversation ON messages (conversation_id, sent_at);

CREATE TABLE resources (
    id INTEGER PRIMARY KEY,
    name VARCHAR(100) NOT NULL UNIQUE,            -- 'Main Hall', 'Physics Lab', 'Multimedia Projector 2'
    resource_type VARCHAR(15) NOT NULL,
    location VARCHAR(100),
    capacity INTEGER,
    is_bookable BOOLEAN NOT NULL DEFAULT 1,
    description TEXT,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE resource_bookings (
    id INTEGER PRIMARY KEY,
    resource_id INTEGER NOT NULL REFERENCES resources(id),
    booked_by_user_id TEXT NOT NULL REFERENCES users(id),
    booking_date DATE NOT NULL,
    start_time TEXT NOT NULL,                     -- 'HH:MM'
    end_time TEXT NOT NULL,
    purpose TEXT,
    status VARCHAR(10) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','rejected','cancelled')),
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CHECK (end_time > start_time)
);

CREATE INDEX idx_resource_bookings_resource_date ON resource_bookings (resource_id, booking_date);
