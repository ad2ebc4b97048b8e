package dev.streamingadaptive.tpch;

import dev.streamingadaptive.expr.Expr;
import dev.streamingadaptive.expr.SortKey;
import dev.streamingadaptive.lazy.LazyFrame;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static dev.streamingadaptive.expr.Expr.col;
import static dev.streamingadaptive.expr.Expr.len;
import static dev.streamingadaptive.expr.Expr.lit;
import static dev.streamingadaptive.expr.Expr.when;
import static dev.streamingadaptive.lazy.JoinType.ANTI;
import static dev.streamingadaptive.lazy.JoinType.INNER;
import static dev.streamingadaptive.lazy.JoinType.RIGHT;
import static dev.streamingadaptive.lazy.JoinType.SEMI;

/**
 * The 22 TPC-H queries written with the LazyFrame API, as Polars' TPC-H benchmark writes them:
 * joins, filters and group-bys; correlated subqueries decorrelated into a group-by joined back;
 * EXISTS / IN as semi joins, NOT EXISTS / NOT IN as anti joins; scalar subqueries as a one-row
 * frame cross-joined (or equi-joined, Q15). Parameters are the specification's validation values
 * (the ones of {@code /tpch/qNN.sql}); columns are named and ordered as the SQL names them.
 *
 * <p>Each method takes the folder of {@link TpchData}'s Parquet files. Our joins hold their right
 * side in memory and the optimizer does not reorder them, so each join puts the larger input
 * (usually lineitem) on the left and the filtered dimension on the right (Q13 turns Polars' left
 * join into a right join for that reason), and a filter that a join implies is applied before a
 * group-by rather than after (Q10, Q20). Money stays DECIMAL: constants that meet decimals are
 * BigDecimal (or integers), never doubles, so sums are exact as in SQL.
 */
public final class TpchQueries {
    private TpchQueries() {}

    /** Q1, pricing summary report: lineitem shipped by 1998-12-01 minus 90 days, summed per return flag and line status. */
    public static LazyFrame q1(Path dir) {
        return scan(dir, "lineitem")
                .filter(col("l_shipdate").ltEq(lit(date("1998-12-01").minusDays(90))))
                .groupBy("l_returnflag", "l_linestatus")
                .agg(col("l_quantity").sum().alias("sum_qty"),
                        col("l_extendedprice").sum().alias("sum_base_price"),
                        discountedPrice().sum().alias("sum_disc_price"),
                        discountedPrice().mul(lit(1).add(col("l_tax"))).sum().alias("sum_charge"),
                        col("l_quantity").mean().alias("avg_qty"),
                        col("l_extendedprice").mean().alias("avg_price"),
                        col("l_discount").mean().alias("avg_disc"),
                        len().alias("count_order"))
                .sort("l_returnflag", "l_linestatus");
    }

    /**
     * Q2, minimum cost supplier: the European suppliers of size-15 brass parts at the part's lowest
     * European supply cost. The correlated {@code min(ps_supplycost)} is a group-by per part joined
     * back on (part, cost).
     */
    public static LazyFrame q2(Path dir) {
        LazyFrame europe = scan(dir, "nation")
                .join(scan(dir, "region").filter(col("r_name").eq("EUROPE")), "n_regionkey", "r_regionkey", INNER);
        LazyFrame suppliers = scan(dir, "supplier").join(europe, "s_nationkey", "n_nationkey", INNER);
        LazyFrame parts = scan(dir, "part").filter(col("p_size").eq(15).and(col("p_type").endsWith("BRASS")));
        LazyFrame offers = scan(dir, "partsupp")
                .join(parts, "ps_partkey", "p_partkey", INNER)
                .join(suppliers, "ps_suppkey", "s_suppkey", INNER);
        LazyFrame cheapest = offers.groupBy("ps_partkey").agg(col("ps_supplycost").min().alias("ps_supplycost"));
        return offers.join(cheapest, List.of("ps_partkey", "ps_supplycost"), INNER)
                .select(col("s_acctbal"), col("s_name"), col("n_name"), col("ps_partkey").alias("p_partkey"), col("p_mfgr"),
                        col("s_address"), col("s_phone"), col("s_comment"))
                .sort(SortKey.desc("s_acctbal"), SortKey.asc("n_name"), SortKey.asc("s_name"), SortKey.asc("p_partkey"))
                .head(100);
    }

    /** Q3, shipping priority: the 10 unshipped orders of BUILDING customers with the highest revenue on 1995-03-15. */
    public static LazyFrame q3(Path dir) {
        LocalDate day = date("1995-03-15");
        LazyFrame customers = scan(dir, "customer").filter(col("c_mktsegment").eq("BUILDING")).select("c_custkey");
        LazyFrame orders = scan(dir, "orders").filter(col("o_orderdate").lt(lit(day)))
                .join(customers, "o_custkey", "c_custkey", INNER);
        return scan(dir, "lineitem").filter(col("l_shipdate").gt(lit(day)))
                .join(orders, "l_orderkey", "o_orderkey", INNER)
                .groupBy("l_orderkey", "o_orderdate", "o_shippriority")
                .agg(discountedPrice().sum().alias("revenue"))
                .select("l_orderkey", "revenue", "o_orderdate", "o_shippriority")
                .sort(SortKey.desc("revenue"), SortKey.asc("o_orderdate"))
                .head(10);
    }

    /**
     * Q4, order priority checking: orders of 1993-Q3 with a line received late, per priority. The
     * EXISTS is Polars' join then unique per order, which builds the quarter's orders rather than
     * every late line (a semi join of orders on late lines would).
     */
    public static LazyFrame q4(Path dir) {
        LocalDate from = date("1993-07-01");
        LazyFrame orders = scan(dir, "orders")
                .filter(col("o_orderdate").gtEq(lit(from)).and(col("o_orderdate").lt(lit(from.plusMonths(3)))))
                .select("o_orderkey", "o_orderpriority");
        return scan(dir, "lineitem").filter(col("l_commitdate").lt(col("l_receiptdate")))
                .join(orders, "l_orderkey", "o_orderkey", INNER)
                .select("l_orderkey", "o_orderpriority")
                .unique()
                .groupBy("o_orderpriority")
                .agg(len().alias("order_count"))
                .sort("o_orderpriority");
    }

    /** Q5, local supplier volume: 1994 revenue in ASIA from suppliers and customers of the same nation, per nation. */
    public static LazyFrame q5(Path dir) {
        LocalDate from = date("1994-01-01");
        LazyFrame asia = scan(dir, "nation")
                .join(scan(dir, "region").filter(col("r_name").eq("ASIA")), "n_regionkey", "r_regionkey", INNER);
        LazyFrame suppliers = scan(dir, "supplier").join(asia, "s_nationkey", "n_nationkey", INNER)
                .select("s_suppkey", "s_nationkey", "n_name");
        LazyFrame orders = scan(dir, "orders")
                .filter(col("o_orderdate").gtEq(lit(from)).and(col("o_orderdate").lt(lit(from.plusYears(1)))))
                .join(scan(dir, "customer"), "o_custkey", "c_custkey", INNER)
                .select("o_orderkey", "c_nationkey");
        return scan(dir, "lineitem")
                .join(orders, "l_orderkey", "o_orderkey", INNER)
                .join(suppliers, List.of("l_suppkey", "c_nationkey"), List.of("s_suppkey", "s_nationkey"), INNER)
                .groupBy("n_name")
                .agg(discountedPrice().sum().alias("revenue"))
                .sort(SortKey.desc("revenue"));
    }

    /** Q6, forecasting revenue change: 1994 lines with discount 0.05–0.07 and quantity below 24. */
    public static LazyFrame q6(Path dir) {
        LocalDate from = date("1994-01-01");
        return scan(dir, "lineitem")
                .filter(col("l_shipdate").gtEq(lit(from))
                        .and(col("l_shipdate").lt(lit(from.plusYears(1))))
                        .and(col("l_discount").isBetween(decimal("0.05"), decimal("0.07")))
                        .and(col("l_quantity").lt(24)))
                .agg(col("l_extendedprice").mul(col("l_discount")).sum().alias("revenue"));
    }

    /** Q7, volume shipping: 1995–1996 revenue shipped between FRANCE and GERMANY (either way), per nations and year. */
    public static LazyFrame q7(Path dir) {
        LazyFrame nations = scan(dir, "nation").filter(col("n_name").isIn("FRANCE", "GERMANY"));
        LazyFrame suppliers = scan(dir, "supplier").join(nations, "s_nationkey", "n_nationkey", INNER)
                .select(col("s_suppkey"), col("n_name").alias("supp_nation"));
        LazyFrame customers = scan(dir, "customer").join(nations, "c_nationkey", "n_nationkey", INNER)
                .select(col("c_custkey"), col("n_name").alias("cust_nation"));
        LazyFrame orders = scan(dir, "orders").join(customers, "o_custkey", "c_custkey", INNER)
                .select("o_orderkey", "cust_nation");
        return scan(dir, "lineitem")
                .filter(col("l_shipdate").isBetween(lit(date("1995-01-01")), lit(date("1996-12-31"))))
                .join(suppliers, "l_suppkey", "s_suppkey", INNER)
                .join(orders, "l_orderkey", "o_orderkey", INNER)
                .filter(col("supp_nation").eq("FRANCE").and(col("cust_nation").eq("GERMANY"))
                        .or(col("supp_nation").eq("GERMANY").and(col("cust_nation").eq("FRANCE"))))
                .select(col("supp_nation"), col("cust_nation"), col("l_shipdate").year().alias("l_year"),
                        discountedPrice().alias("volume"))
                .groupBy("supp_nation", "cust_nation", "l_year")
                .agg(col("volume").sum().alias("revenue"))
                .sort("supp_nation", "cust_nation", "l_year");
    }

    /** Q8, national market share: BRAZIL's share of AMERICA's ECONOMY ANODIZED STEEL revenue, per year 1995–1996. */
    public static LazyFrame q8(Path dir) {
        LazyFrame america = scan(dir, "nation")
                .join(scan(dir, "region").filter(col("r_name").eq("AMERICA")), "n_regionkey", "r_regionkey", INNER)
                .select("n_nationkey");
        LazyFrame customers = scan(dir, "customer").join(america, "c_nationkey", "n_nationkey", INNER).select("c_custkey");
        LazyFrame orders = scan(dir, "orders")
                .filter(col("o_orderdate").isBetween(lit(date("1995-01-01")), lit(date("1996-12-31"))))
                .join(customers, "o_custkey", "c_custkey", INNER)
                .select("o_orderkey", "o_orderdate");
        LazyFrame suppliers = scan(dir, "supplier").join(scan(dir, "nation"), "s_nationkey", "n_nationkey", INNER)
                .select(col("s_suppkey"), col("n_name").alias("nation"));
        LazyFrame parts = scan(dir, "part").filter(col("p_type").eq("ECONOMY ANODIZED STEEL")).select("p_partkey");
        return scan(dir, "lineitem")
                .join(parts, "l_partkey", "p_partkey", INNER)
                .join(orders, "l_orderkey", "o_orderkey", INNER)
                .join(suppliers, "l_suppkey", "s_suppkey", INNER)
                .select(col("o_orderdate").year().alias("o_year"), discountedPrice().alias("volume"), col("nation"))
                .groupBy("o_year")
                .agg(when(col("nation").eq("BRAZIL")).then(col("volume")).otherwise(lit(0)).sum().alias("brazil_volume"),
                        col("volume").sum().alias("total_volume"))
                .select(col("o_year"), col("brazil_volume").div(col("total_volume")).alias("mkt_share"))
                .sort("o_year");
    }

    /**
     * Q9, product type profit measure: profit on parts whose name contains "green", per supplier
     * nation and year. Parts, then their offers, then lines are narrowed to green ones before each
     * join builds them; the green lines' profits are the build side of the join with orders.
     */
    public static LazyFrame q9(Path dir) {
        LazyFrame green = scan(dir, "part").filter(col("p_name").contains("green")).select("p_partkey");
        LazyFrame suppliers = scan(dir, "supplier").join(scan(dir, "nation"), "s_nationkey", "n_nationkey", INNER)
                .select("s_suppkey", "n_name");
        LazyFrame greenOffers = scan(dir, "partsupp").join(green, "ps_partkey", "p_partkey", SEMI)
                .select("ps_partkey", "ps_suppkey", "ps_supplycost");
        LazyFrame profits = scan(dir, "lineitem")
                .join(greenOffers, List.of("l_partkey", "l_suppkey"), List.of("ps_partkey", "ps_suppkey"), INNER)
                .join(suppliers, "l_suppkey", "s_suppkey", INNER)
                .select(col("l_orderkey"), col("n_name").alias("nation"),
                        discountedPrice().sub(col("ps_supplycost").mul(col("l_quantity"))).alias("amount"));
        return scan(dir, "orders").select("o_orderkey", "o_orderdate")
                .join(profits, "o_orderkey", "l_orderkey", INNER)
                .select(col("nation"), col("o_orderdate").year().alias("o_year"), col("amount"))
                .groupBy("nation", "o_year")
                .agg(col("amount").sum().alias("sum_profit"))
                .sort(SortKey.asc("nation"), SortKey.desc("o_year"));
    }

    /**
     * Q10, returned item reporting: the 20 customers with the most revenue lost to returns in
     * 1993-Q4. The SQL groups by the customer's columns, which the customer key determines: the
     * revenue is summed per key first and the customer's columns joined to the sums (the sums,
     * not the customer table, are the build side).
     */
    public static LazyFrame q10(Path dir) {
        LocalDate from = date("1993-10-01");
        LazyFrame orders = scan(dir, "orders")
                .filter(col("o_orderdate").gtEq(lit(from)).and(col("o_orderdate").lt(lit(from.plusMonths(3)))))
                .select("o_orderkey", "o_custkey");
        LazyFrame lost = scan(dir, "lineitem").filter(col("l_returnflag").eq("R"))
                .join(orders, "l_orderkey", "o_orderkey", INNER)
                .groupBy("o_custkey")
                .agg(discountedPrice().sum().alias("revenue"));
        return scan(dir, "customer")
                .join(lost, "c_custkey", "o_custkey", INNER)
                .join(scan(dir, "nation"), "c_nationkey", "n_nationkey", INNER)
                .select("c_custkey", "c_name", "revenue", "c_acctbal", "n_name", "c_address", "c_phone", "c_comment")
                .sort(SortKey.desc("revenue"))
                .head(20);
    }

    /**
     * Q11, important stock identification: GERMANY's parts whose stock value exceeds 0.0001 of the
     * nation's total (the scalar subquery: a one-row frame cross-joined).
     */
    public static LazyFrame q11(Path dir) {
        LazyFrame germanSuppliers = scan(dir, "supplier")
                .join(scan(dir, "nation").filter(col("n_name").eq("GERMANY")), "s_nationkey", "n_nationkey", INNER)
                .select("s_suppkey");
        LazyFrame stock = scan(dir, "partsupp")
                .join(germanSuppliers, "ps_suppkey", "s_suppkey", INNER)
                .select(col("ps_partkey"), col("ps_supplycost").mul(col("ps_availqty")).alias("value"));
        LazyFrame threshold = stock.agg(col("value").sum().alias("total"))
                .select(col("total").mul(lit(decimal("0.0001"))).alias("threshold"));
        return stock.groupBy("ps_partkey")
                .agg(col("value").sum().alias("value"))
                .crossJoin(threshold)
                .filter(col("value").gt(col("threshold")))
                .select("ps_partkey", "value")
                .sort(SortKey.desc("value"));
    }

    /** Q12, shipping modes and order priority: 1994 MAIL and SHIP lines received late, counted by high and low order priority. */
    public static LazyFrame q12(Path dir) {
        LocalDate from = date("1994-01-01");
        Expr urgent = col("o_orderpriority").isIn("1-URGENT", "2-HIGH");
        // As Polars: orders joined with the (few) filtered lines, which are the build side.
        LazyFrame lines = scan(dir, "lineitem")
                .filter(col("l_shipmode").isIn("MAIL", "SHIP")
                        .and(col("l_commitdate").lt(col("l_receiptdate")))
                        .and(col("l_shipdate").lt(col("l_commitdate")))
                        .and(col("l_receiptdate").gtEq(lit(from)))
                        .and(col("l_receiptdate").lt(lit(from.plusYears(1)))))
                .select("l_orderkey", "l_shipmode");
        return scan(dir, "orders").select("o_orderkey", "o_orderpriority")
                .join(lines, "o_orderkey", "l_orderkey", INNER)
                .groupBy("l_shipmode")
                .agg(when(urgent).then(lit(1)).otherwise(lit(0)).sum().alias("high_line_count"),
                        when(urgent).then(lit(0)).otherwise(lit(1)).sum().alias("low_line_count"))
                .sort("l_shipmode");
    }

    /**
     * Q13, customer distribution: how many customers have how many orders whose comment is not
     * "…special…requests…". Polars' customer LEFT JOIN orders is written orders RIGHT JOIN
     * customer, the same rows with the customers (ten times fewer) as the build side.
     */
    public static LazyFrame q13(Path dir) {
        LazyFrame orders = scan(dir, "orders").filter(col("o_comment").like("%special%requests%").not())
                .select("o_orderkey", "o_custkey");
        return orders
                .join(scan(dir, "customer").select("c_custkey"), "o_custkey", "c_custkey", RIGHT)
                .groupBy("c_custkey")
                .agg(col("o_orderkey").count().alias("c_count"))
                .groupBy("c_count")
                .agg(len().alias("custdist"))
                .sort(SortKey.desc("custdist"), SortKey.desc("c_count"));
    }

    /** Q14, promotion effect: the percentage of 1995-09 revenue from PROMO parts. */
    public static LazyFrame q14(Path dir) {
        LocalDate from = date("1995-09-01");
        return scan(dir, "lineitem")
                .filter(col("l_shipdate").gtEq(lit(from)).and(col("l_shipdate").lt(lit(from.plusMonths(1)))))
                .join(scan(dir, "part").select("p_partkey", "p_type"), "l_partkey", "p_partkey", INNER)
                .agg(when(col("p_type").startsWith("PROMO")).then(discountedPrice()).otherwise(lit(0)).sum().alias("promo"),
                        discountedPrice().sum().alias("total"))
                .select(lit(decimal("100.00")).mul(col("promo")).div(col("total")).alias("promo_revenue"));
    }

    /**
     * Q15, top supplier: the suppliers with the most revenue in 1996-Q1. The view revenue0 is a
     * frame used twice; the scalar {@code max(total_revenue)} a one-row frame equi-joined on the revenue.
     */
    public static LazyFrame q15(Path dir) {
        LocalDate from = date("1996-01-01");
        LazyFrame revenue = scan(dir, "lineitem")
                .filter(col("l_shipdate").gtEq(lit(from)).and(col("l_shipdate").lt(lit(from.plusMonths(3)))))
                .groupBy(col("l_suppkey").alias("supplier_no"))
                .agg(discountedPrice().sum().alias("total_revenue"));
        LazyFrame best = revenue.agg(col("total_revenue").max().alias("max_revenue"));
        LazyFrame top = revenue.join(best, List.of("total_revenue"), List.of("max_revenue"), SEMI);
        return scan(dir, "supplier")
                .join(top, "s_suppkey", "supplier_no", INNER)
                .select("s_suppkey", "s_name", "s_address", "s_phone", "total_revenue")
                .sort("s_suppkey");
    }

    /** Q16, parts/supplier relationship: suppliers without complaints (NOT IN as an anti join) per brand, type and size. */
    public static LazyFrame q16(Path dir) {
        LazyFrame complained = scan(dir, "supplier").filter(col("s_comment").like("%Customer%Complaints%")).select("s_suppkey");
        LazyFrame parts = scan(dir, "part")
                .filter(col("p_brand").neq("Brand#45")
                        .and(col("p_type").startsWith("MEDIUM POLISHED").not())
                        .and(col("p_size").isIn(49, 14, 23, 45, 19, 3, 36, 9)))
                .select("p_partkey", "p_brand", "p_type", "p_size");
        return scan(dir, "partsupp")
                .join(parts, "ps_partkey", "p_partkey", INNER)
                .join(complained, "ps_suppkey", "s_suppkey", ANTI)
                .groupBy("p_brand", "p_type", "p_size")
                .agg(col("ps_suppkey").nUnique().alias("supplier_cnt"))
                .sort(SortKey.desc("supplier_cnt"), SortKey.asc("p_brand"), SortKey.asc("p_type"), SortKey.asc("p_size"));
    }

    /**
     * Q17, small-quantity-order revenue: yearly revenue lost without the lines of Brand#23 MED BOX
     * parts below 0.2 of the part's average quantity (the correlated average: a group-by per part joined back).
     */
    public static LazyFrame q17(Path dir) {
        LazyFrame parts = scan(dir, "part")
                .filter(col("p_brand").eq("Brand#23").and(col("p_container").eq("MED BOX")))
                .select("p_partkey");
        LazyFrame lines = scan(dir, "lineitem")
                .join(parts, "l_partkey", "p_partkey", INNER)
                .select("l_partkey", "l_quantity", "l_extendedprice");
        LazyFrame limits = lines.groupBy("l_partkey")
                .agg(col("l_quantity").mean().alias("avg_quantity"))
                .select(col("l_partkey"), lit(0.2).mul(col("avg_quantity")).alias("quantity_limit"));
        return lines.join(limits, "l_partkey", INNER)
                .filter(col("l_quantity").lt(col("quantity_limit")))
                .agg(col("l_extendedprice").sum().alias("total"))
                .select(col("total").div(lit(7.0)).alias("avg_yearly"));
    }

    /** Q18, large volume customer: the 100 largest orders of more than 300 units (IN as a semi join on a filtered group-by). */
    public static LazyFrame q18(Path dir) {
        LazyFrame large = scan(dir, "lineitem")
                .groupBy("l_orderkey")
                .agg(col("l_quantity").sum().alias("sum_quantity"))
                .filter(col("sum_quantity").gt(300))
                .select("l_orderkey");
        LazyFrame orders = scan(dir, "orders").join(large, "o_orderkey", "l_orderkey", SEMI)
                .select("o_orderkey", "o_custkey", "o_orderdate", "o_totalprice");
        return scan(dir, "lineitem")
                .join(orders, "l_orderkey", "o_orderkey", INNER)
                .join(scan(dir, "customer").select("c_custkey", "c_name"), "o_custkey", "c_custkey", INNER)
                .groupBy(col("c_name"), col("o_custkey").alias("c_custkey"), col("l_orderkey").alias("o_orderkey"),
                        col("o_orderdate"), col("o_totalprice"))
                .agg(col("l_quantity").sum().alias("sum_quantity"))
                .sort(SortKey.desc("o_totalprice"), SortKey.asc("o_orderdate"))
                .head(100);
    }

    /** Q19, discounted revenue: air-shipped, in-person lines of three brand / container / quantity / size classes. */
    public static LazyFrame q19(Path dir) {
        return scan(dir, "lineitem")
                .filter(col("l_shipmode").isIn("AIR", "AIR REG").and(col("l_shipinstruct").eq("DELIVER IN PERSON")))
                .join(scan(dir, "part"), "l_partkey", "p_partkey", INNER)
                .filter(partClass("Brand#12", List.of("SM CASE", "SM BOX", "SM PACK", "SM PKG"), 1, 5)
                        .or(partClass("Brand#23", List.of("MED BAG", "MED BOX", "MED PKG", "MED PACK"), 10, 10))
                        .or(partClass("Brand#34", List.of("LG CASE", "LG BOX", "LG PACK", "LG PKG"), 20, 15)))
                .agg(discountedPrice().sum().alias("revenue"));
    }

    private static Expr partClass(String brand, List<String> containers, int quantity, int maxSize) {
        return col("p_brand").eq(brand)
                .and(col("p_container").isIn(containers))
                .and(col("l_quantity").isBetween(quantity, quantity + 10))
                .and(col("p_size").isBetween(1, maxSize));
    }

    /**
     * Q20, potential part promotion: CANADA's suppliers holding more than half of what they shipped
     * in 1994 of a "forest" part (the correlated sum: a group-by per part and supplier joined back;
     * the INs: semi joins).
     */
    public static LazyFrame q20(Path dir) {
        LocalDate from = date("1994-01-01");
        LazyFrame forest = scan(dir, "part").filter(col("p_name").startsWith("forest")).select("p_partkey");
        // Only forest parts' shipments can matter: they are kept before grouping, not after.
        LazyFrame shipped = scan(dir, "lineitem")
                .filter(col("l_shipdate").gtEq(lit(from)).and(col("l_shipdate").lt(lit(from.plusYears(1)))))
                .join(forest, "l_partkey", "p_partkey", SEMI)
                .groupBy("l_partkey", "l_suppkey")
                .agg(col("l_quantity").sum().alias("sum_quantity"))
                .select(col("l_partkey"), col("l_suppkey"), lit(decimal("0.5")).mul(col("sum_quantity")).alias("quantity_limit"));
        LazyFrame holders = scan(dir, "partsupp")
                .join(forest, "ps_partkey", "p_partkey", SEMI)
                .join(shipped, List.of("ps_partkey", "ps_suppkey"), List.of("l_partkey", "l_suppkey"), INNER)
                .filter(col("ps_availqty").gt(col("quantity_limit")))
                .select("ps_suppkey");
        return scan(dir, "supplier")
                .join(scan(dir, "nation").filter(col("n_name").eq("CANADA")), "s_nationkey", "n_nationkey", INNER)
                .join(holders, "s_suppkey", "ps_suppkey", SEMI)
                .select("s_name", "s_address")
                .sort("s_name");
    }

    /**
     * Q21, suppliers who kept orders waiting: SAUDI ARABIA's suppliers who alone were late on a
     * finished multi-supplier order. EXISTS (another supplier on the order) is "the order has more
     * than one supplier"; NOT EXISTS (another late supplier) is "the order's late lines have one
     * supplier": group-bys per order, semi-joined. Polars counts the suppliers with n_unique; "more
     * than one" is min &lt; max and "one" is min = max, which needs two numbers per order instead
     * of a set (a fifth of the memory).
     */
    public static LazyFrame q21(Path dir) {
        LazyFrame late = scan(dir, "lineitem").filter(col("l_receiptdate").gt(col("l_commitdate")))
                .select("l_orderkey", "l_suppkey");
        LazyFrame sharedOrders = scan(dir, "lineitem")
                .groupBy("l_orderkey")
                .agg(col("l_suppkey").min().alias("first_supplier"), col("l_suppkey").max().alias("last_supplier"))
                .filter(col("first_supplier").lt(col("last_supplier")))
                .select("l_orderkey");
        LazyFrame lateByOne = late.groupBy("l_orderkey")
                .agg(col("l_suppkey").min().alias("first_late"), col("l_suppkey").max().alias("last_late"))
                .filter(col("first_late").eq(col("last_late")))
                .select("l_orderkey");
        LazyFrame saudi = scan(dir, "supplier")
                .join(scan(dir, "nation").filter(col("n_name").eq("SAUDI ARABIA")), "s_nationkey", "n_nationkey", INNER)
                .select("s_suppkey", "s_name");
        LazyFrame finished = scan(dir, "orders").filter(col("o_orderstatus").eq("F")).select("o_orderkey");
        return late
                .join(saudi, "l_suppkey", "s_suppkey", INNER)
                .join(finished, "l_orderkey", "o_orderkey", SEMI)
                .join(sharedOrders, "l_orderkey", SEMI)
                .join(lateByOne, "l_orderkey", SEMI)
                .groupBy("s_name")
                .agg(len().alias("numwait"))
                .sort(SortKey.desc("numwait"), SortKey.asc("s_name"))
                .head(100);
    }

    /**
     * Q22, global sales opportunity: customers of seven country codes without orders (NOT EXISTS as
     * an anti join) whose balance is above those codes' average positive balance (a one-row frame
     * cross-joined), per code.
     */
    public static LazyFrame q22(Path dir) {
        LazyFrame candidates = scan(dir, "customer")
                .withColumns(col("c_phone").substring(0, 2).alias("cntrycode"))
                .filter(col("cntrycode").isIn("13", "31", "23", "29", "30", "18", "17"))
                .select("c_custkey", "cntrycode", "c_acctbal");
        LazyFrame average = candidates.filter(col("c_acctbal").gt(lit(decimal("0.00"))))
                .agg(col("c_acctbal").mean().alias("avg_acctbal"));
        return candidates
                .join(scan(dir, "orders").select("o_custkey"), "c_custkey", "o_custkey", ANTI)
                .crossJoin(average)
                .filter(col("c_acctbal").gt(col("avg_acctbal")))
                .groupBy("cntrycode")
                .agg(len().alias("numcust"), col("c_acctbal").sum().alias("totacctbal"))
                .sort("cntrycode");
    }

    /** Query {@code n} (1–22). */
    public static LazyFrame query(int n, Path dir) {
        return switch (n) {
            case 1 -> q1(dir);
            case 2 -> q2(dir);
            case 3 -> q3(dir);
            case 4 -> q4(dir);
            case 5 -> q5(dir);
            case 6 -> q6(dir);
            case 7 -> q7(dir);
            case 8 -> q8(dir);
            case 9 -> q9(dir);
            case 10 -> q10(dir);
            case 11 -> q11(dir);
            case 12 -> q12(dir);
            case 13 -> q13(dir);
            case 14 -> q14(dir);
            case 15 -> q15(dir);
            case 16 -> q16(dir);
            case 17 -> q17(dir);
            case 18 -> q18(dir);
            case 19 -> q19(dir);
            case 20 -> q20(dir);
            case 21 -> q21(dir);
            case 22 -> q22(dir);
            default -> throw new IllegalArgumentException("TPC-H has queries 1 to 22, not " + n);
        };
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static LazyFrame scan(Path dir, String table) {
        return LazyFrame.scanParquet(TpchData.file(dir, table));
    }

    /** {@code l_extendedprice * (1 - l_discount)}: a line's revenue, exact. */
    private static Expr discountedPrice() {
        return col("l_extendedprice").mul(lit(1).sub(col("l_discount")));
    }

    private static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }

    private static BigDecimal decimal(String text) {
        return new BigDecimal(text);
    }
}
