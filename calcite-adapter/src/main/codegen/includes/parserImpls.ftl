<#--
  The DDL of s3tables-jdbc, added to Calcite's grammar (see config.fmpp):
    CREATE SCHEMA [IF NOT EXISTS] ns
    DROP SCHEMA [IF EXISTS] ns
    CREATE TABLE [IF NOT EXISTS] [ns.]t (col type [NOT NULL] [COMMENT 'text'], ...)
        [COMMENT 'text'] [PARTITIONED BY (field, ...)] [WITH (key = 'value', ...)]
    CREATE TABLE [IF NOT EXISTS] [ns.]t [COMMENT 'text'] [PARTITIONED BY (...)] [WITH (...)] AS query
    DROP TABLE [IF EXISTS] [ns.]t
    ALTER TABLE [ns.]t ADD [COLUMN] col type [COMMENT 'text']
    ALTER TABLE [ns.]t DROP [COLUMN] col
    ALTER TABLE [ns.]t RENAME COLUMN a TO b
    ALTER TABLE [ns.]t RENAME TO [ns.]u
-->

boolean IfNotExistsOpt() :
{
}
{
    <IF> <NOT> <EXISTS> { return true; }
|
    { return false; }
}

boolean IfExistsOpt() :
{
}
{
    <IF> <EXISTS> { return true; }
|
    { return false; }
}

/** CREATE SCHEMA, after CREATE [OR REPLACE]. */
SqlCreate SqlCreateNamespace(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier id;
}
{
    <SCHEMA> ifNotExists = IfNotExistsOpt() id = CompoundIdentifier()
    {
        return SqlDdlNodes.createSchema(s.end(this), replace, ifNotExists, id);
    }
}

/** DROP SCHEMA, after DROP. */
SqlDrop SqlDropNamespace(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier id;
}
{
    <SCHEMA> ifExists = IfExistsOpt() id = CompoundIdentifier()
    {
        return SqlDdlNodes.dropSchema(s.end(this), false, ifExists, id);
    }
}

/** DROP TABLE, after DROP. */
SqlDrop SqlDropIcebergTable(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier id;
}
{
    <TABLE> ifExists = IfExistsOpt() id = CompoundIdentifier()
    {
        return SqlDdlNodes.dropTable(s.end(this), ifExists, id);
    }
}

/** COMMENT 'text'. */
String CommentClause() :
{
    final String comment;
}
{
    <COMMENT> comment = SimpleStringLiteral() { return comment; }
}

/** name type [NULL | NOT NULL] [COMMENT 'text']. */
SqlColumnDefinition ColumnDefinition() :
{
    final Span s = Span.of();
    final SqlIdentifier name;
    final SqlDataTypeSpec type;
    final boolean nullable;
    String comment = null;
}
{
    name = SimpleIdentifier() { s.add(name); }
    type = DataType()
    nullable = NullableOptDefaultTrue()
    [ comment = CommentClause() ]
    {
        return new SqlColumnDefinition(s.end(this), name, type.withNullable(nullable), comment);
    }
}

SqlNodeList ColumnDefinitionList() :
{
    final Span s;
    final List<SqlNode> list = new ArrayList<SqlNode>();
    SqlColumnDefinition column;
}
{
    <LPAREN> { s = span(); }
    column = ColumnDefinition() { list.add(column); }
    (
        <COMMA> column = ColumnDefinition() { list.add(column); }
    )*
    <RPAREN> {
        return new SqlNodeList(list, s.end(this));
    }
}

/**
 * A partition field: a column (identity), or a transform of one. YEAR, MONTH, DAY, HOUR and
 * TRUNCATE are reserved words of SQL; bucket and the plurals (days) are identifiers.
 */
SqlPartitionField PartitionField() :
{
    final Span s;
    final String function;
    final SqlIdentifier name;
    final SqlPartitionField field;
}
{
    (
        (
            <YEAR> { function = "year"; }
        |   <MONTH> { function = "month"; }
        |   <DAY> { function = "day"; }
        |   <HOUR> { function = "hour"; }
        |   <TRUNCATE> { function = "truncate"; }
        )
        { s = span(); }
        <LPAREN> field = PartitionTransformCall(s, function)
    |
        name = SimpleIdentifier() { s = Span.of(name); }
        (
            <LPAREN> field = PartitionTransformCall(s, name.getSimple())
        |
            { field = SqlPartitionField.identity(name.getParserPosition(), name); }
        )
    )
    { return field; }
}

/** What follows "function(" in a partition field: [number ,] column ). */
SqlPartitionField PartitionTransformCall(Span s, String function) :
{
    Integer argument = null;
    final SqlIdentifier column;
}
{
    [ argument = UnsignedIntLiteral() <COMMA> ]
    column = SimpleIdentifier()
    <RPAREN>
    {
        return SqlPartitionField.transform(s.end(this), function, argument, column);
    }
}

SqlNodeList PartitionedBy() :
{
    final Span s;
    final List<SqlNode> list = new ArrayList<SqlNode>();
    SqlPartitionField field;
}
{
    <PARTITIONED> { s = span(); } <BY>
    <LPAREN>
    field = PartitionField() { list.add(field); }
    (
        <COMMA> field = PartitionField() { list.add(field); }
    )*
    <RPAREN> {
        return new SqlNodeList(list, s.end(this));
    }
}

/** CREATE TABLE, after CREATE [OR REPLACE]. */
SqlCreate SqlCreateIcebergTable(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier id;
    SqlNodeList columns = null;
    String comment = null;
    SqlNodeList partitionFields = SqlNodeList.EMPTY;
    SqlNodeList properties = SqlNodeList.EMPTY;
    SqlNode query = null;
}
{
    <TABLE> ifNotExists = IfNotExistsOpt() id = CompoundIdentifier()
    [ columns = ColumnDefinitionList() ]
    [ comment = CommentClause() ]
    [ partitionFields = PartitionedBy() ]
    [ <WITH> properties = ParenthesizedKeyValueOptionCommaList() ]
    [ <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY) ]
    {
        return new SqlCreateIcebergTable(s.end(this), replace, ifNotExists, id, columns, comment,
            partitionFields, properties, query);
    }
}

/** ALTER TABLE t ADD COLUMN | DROP COLUMN | RENAME COLUMN | RENAME TO. */
SqlNode SqlAlterIcebergTable() :
{
    final Span s;
    final SqlIdentifier table;
    final SqlColumnDefinition column;
    final SqlIdentifier name;
    final SqlIdentifier newName;
}
{
    <ALTER> { s = span(); } <TABLE> table = CompoundIdentifier()
    (
        <ADD> [ <COLUMN> ] column = ColumnDefinition() {
            return new SqlAlterTableAddColumn(s.end(this), table, column);
        }
    |
        <DROP> [ <COLUMN> ] name = SimpleIdentifier() {
            return new SqlAlterTableDropColumn(s.end(this), table, name);
        }
    |
        <RENAME>
        (
            <COLUMN> name = SimpleIdentifier() <TO> newName = SimpleIdentifier() {
                return new SqlAlterTableRenameColumn(s.end(this), table, name, newName);
            }
        |
            <TO> newName = CompoundIdentifier() {
                return new SqlAlterTableRename(s.end(this), table, newName);
            }
        )
    )
}
