SELECT COUNT(*) FROM (SELECT DISTINCT RES.ID_ 
     

    from ACT_RU_TASK RES
     
     
     
     
     
     
     

     
       
       
      
       
         
       
       
       
       
       
     

     
     
       
          left join
         
      ACT_RE_PROCDEF D on RES.PROC_DEF_ID_ = D.ID_
     
     
     
     
     

     
           
         
     
     
     
     
     
     left join 
    (
    SELECT A.*
    FROM ACT_RU_AUTHORIZATION A
    WHERE A.TYPE_ < ?     
    AND ( A.USER_ID_ in ( ?, ?)           
     
      OR A.GROUP_ID_ IN  (  ? ) 
     
    )
     
     
      AND (
       
         (  
          A.RESOURCE_TYPE_ = ? AND A.PERMS_ & ? = ?
         OR 
          A.RESOURCE_TYPE_ = ? AND A.PERMS_ & ? = ?
         ) 
       
       
      )
     
   
    )
   
    
    
        AUTH ON (AUTH.RESOURCE_ID_ IN ( RES.ID_ , D.KEY_ , ? ))
       
     
    
     
     WHERE  (
        ? = ? and
           EXISTS (
              select
              ID_
              from
              ACT_RU_VARIABLE
              WHERE
              

              
    
        NAME_= ?
      
    
  

              
                  and RES.ID_ = TASK_ID_
                
              
              
                and
                

    
    (
    
      (  TYPE_ is not null and TYPE_ = ?
        
        
          
              and TEXT_ is not null and
              TEXT_
              
    =
  
              ? )
    
    )
  
              
              )
        )
      
      
      
      
      
    
      
          and (
          
          
            (RES.CASE_EXECUTION_ID_ IS NOT NULL)
            OR
          
            (AUTH.RESOURCE_ID_ IS NOT NULL)
            
          )
        
    
   
      
    

    
    
    
      and (RES.TENANT_ID_ is null
      
      ) 
   
    ) countDistinct
