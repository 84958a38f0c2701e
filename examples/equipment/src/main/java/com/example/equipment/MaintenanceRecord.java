package com.example.equipment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;

/** Work done on an item: a repair, a battery swap, an inspection. */
@Entity
@Table(name = "maintenance_records")
public class MaintenanceRecord {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "item_id", nullable = false, foreignKey = @ForeignKey(name = "fk_maintenance_records_item"))
    private EquipmentItem item;

    @Column(nullable = false)
    private LocalDate performedOn;

    @Column(nullable = false, columnDefinition = "text")
    private String description;

    @Column(precision = 10, scale = 2)
    private BigDecimal cost;

    protected MaintenanceRecord() {
        // for JPA
    }

    public MaintenanceRecord(EquipmentItem item, LocalDate performedOn, String description) {
        this.item = item;
        this.performedOn = performedOn;
        this.description = description;
    }

    public Long getId() {
        return id;
    }

    public EquipmentItem getItem() {
        return item;
    }

    public LocalDate getPerformedOn() {
        return performedOn;
    }

    public String getDescription() {
        return description;
    }

    public BigDecimal getCost() {
        return cost;
    }

    public void setCost(BigDecimal cost) {
        this.cost = cost;
    }
}
