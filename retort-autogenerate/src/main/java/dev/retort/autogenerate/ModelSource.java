package dev.retort.autogenerate;

/** Where the desired schema comes from: JPA entities, or a schema file of plain DDL. */
public interface ModelSource {
    ModelDdl load();
}
