package com.example.equipment;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.Comment;

/** One physical piece of equipment, identified by its serial number. */
@Entity
@Table(name = "equipment_items")
@Comment("Physical items the company owns and lends to its staff")
public class EquipmentItem {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(length = 64, nullable = false, unique = true)
    private String serialNumber;

    @Column(length = 200, nullable = false)
    private String name;

    @Convert(converter = EquipmentStatusConverter.class)
    @Column(length = 20, nullable = false)
    private EquipmentStatus status = EquipmentStatus.AVAILABLE;

    /** Where the item is kept when nobody has it, such as "Berlin, shelf B3". */
    @Column(length = 100)
    private String location;

    @ManyToOne(optional = false)
    @JoinColumn(name = "category_id", nullable = false,
            foreignKey = @ForeignKey(name = "fk_equipment_items_category"))
    private Category category;

    protected EquipmentItem() {
        // for JPA
    }

    public EquipmentItem(String serialNumber, String name, Category category) {
        this.serialNumber = serialNumber;
        this.name = name;
        this.category = category;
    }

    public Long getId() {
        return id;
    }

    public String getSerialNumber() {
        return serialNumber;
    }

    public String getName() {
        return name;
    }

    public EquipmentStatus getStatus() {
        return status;
    }

    public void setStatus(EquipmentStatus status) {
        this.status = status;
    }

    public String getLocation() {
        return location;
    }

    public void setLocation(String location) {
        this.location = location;
    }

    public Category getCategory() {
        return category;
    }
}
