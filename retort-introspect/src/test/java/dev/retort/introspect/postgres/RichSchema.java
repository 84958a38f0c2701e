package dev.retort.introspect.postgres;

import dev.retort.schema.SchemaFilter;
import java.util.List;
import java.util.Set;

/** One schema with something of every kind, written twice: plainly, and in another order and spelling. */
final class RichSchema {
    /** Reads both schemas the DDL uses. */
    static final SchemaFilter FILTER = new SchemaFilter(List.of("public", "app"), Set.of());

    static final String PLAIN = """
            create schema app;
            create type mood as enum ('sad', 'ok', 'happy');
            create type app.level as enum ('low', 'high');
            create sequence ticket_seq as integer increment by 5 start with 100 cache 20;
            create sequence app.counter minvalue 0 start with 0 cycle;
            create table users (
                id bigint generated always as identity primary key,
                email varchar(255) not null unique,
                name text collate "C",
                feeling mood not null default 'ok',
                ticket int default nextval('ticket_seq'),
                score numeric(10,2) check (score >= 0),
                created_at timestamptz not null default now(),
                tags text[] default '{}',
                email_domain text generated always as (split_part(email, '@', 2)) stored
            );
            comment on table users is 'People who sign in';
            comment on column users.email is 'Login';
            create table app.projects (
                id serial primary key,
                owner_id bigint not null references users (id) on delete cascade,
                code char(8) not null,
                level app.level,
                budget numeric,
                constraint projects_owner_code_key unique (owner_id, code) deferrable initially deferred
            );
            create table memberships (
                user_id bigint references users on delete cascade,
                project_id int references app.projects (id) match full on update restrict deferrable,
                role text not null default 'member',
                primary key (user_id, project_id),
                constraint role_known check (role in ('member', 'admin'))
            );
            create table "Audit Log" (at timestamptz default current_timestamp, entry jsonb);
            create index users_lower_email on users (lower(email));
            create index users_created on users (created_at desc nulls last) include (name) where score > 0;
            create index users_tags on users using gin (tags);
            create unique index projects_code on app.projects (code bpchar_pattern_ops);
            create index "Audit Log by entry" on "Audit Log" using gin (entry jsonb_path_ops);
            """;

    /** {@link #PLAIN}, with objects created in another order, constraints added later and types spelled otherwise. */
    static final String REORDERED = """
            create schema app;
            create type app.level as enum ('low', 'high');
            create type mood as enum ('sad', 'happy');
            alter type mood add value 'ok' before 'happy';
            create table "Audit Log" (at timestamp with time zone default CURRENT_TIMESTAMP, entry jsonb);
            create sequence app.counter minvalue 0 start with 0 cycle;
            create table memberships (user_id int8, project_id int4, role text not null default 'member'::text);
            create sequence app.projects_id_seq as integer;
            create table app.projects (
                id integer not null default nextval('app.projects_id_seq'::regclass),
                owner_id bigint not null,
                code character(8) not null,
                level app.level,
                budget decimal
            );
            alter sequence app.projects_id_seq owned by app.projects.id;
            create sequence ticket_seq as int4 start 100 increment 5 cache 20;
            create table users (
                id int8 generated always as identity,
                email character varying(255) not null,
                name text collate "C",
                feeling mood not null default 'ok'::mood,
                ticket integer default nextval('ticket_seq'::regclass),
                score decimal(10, 2),
                created_at timestamp with time zone not null default now(),
                tags text[] default '{}'::text[],
                email_domain text generated always as (split_part(email, '@', 2)) stored
            );
            create index "Audit Log by entry" on "Audit Log" using gin (entry jsonb_path_ops);
            create unique index projects_code on app.projects using btree (code bpchar_pattern_ops);
            create index users_tags on users using gin (tags array_ops);
            comment on column users.email is 'Login';
            alter table memberships add constraint role_known check (role = any (array['member', 'admin']));
            alter table memberships add primary key (user_id, project_id);
            alter table app.projects add primary key (id);
            alter table users add primary key (id);
            alter table memberships add foreign key (project_id) references app.projects (id)
                match full on update restrict deferrable initially immediate;
            alter table memberships add foreign key (user_id) references users (id)
                on delete cascade on update no action;
            alter table app.projects add constraint projects_owner_code_key unique (owner_id, code)
                deferrable initially deferred;
            alter table app.projects add foreign key (owner_id) references users on delete cascade;
            alter table users add unique (email);
            alter table users add check (score >= 0);
            create index users_created on users (created_at desc nulls last) include (name) where score > 0;
            create index users_lower_email on users (lower(email::text) asc nulls last);
            comment on table users is 'People who sign in';
            """;

    private RichSchema() {
    }
}
